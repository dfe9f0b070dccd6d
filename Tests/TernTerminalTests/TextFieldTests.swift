import Testing
@testable import TernTerminal

/// Types `text` into `field` one key per grapheme cluster, as a terminal delivers it.
private func type(_ text: String, into field: inout TextField) {
    for c in text { _ = field.handle(.character(c)) }
}

private func keys(_ keys: [Key], _ field: inout TextField) {
    for key in keys { _ = field.handle(key) }
}

@Suite("TextField editing")
struct TextFieldEditingTests {
    @Test func startsWithTheCursorAtTheEnd() {
        let field = TextField("数据 ok")
        #expect(field.cursor == 5)
        #expect(TextField().cursor == 0 && TextField().text.isEmpty)
    }

    @Test func insertsCJKAndEmojiAsSingleCursorSteps() {
        var field = TextField()
        type("数据分析", into: &field)
        #expect(field.text == "数据分析" && field.cursor == 4)
        keys([.left, .left], &field)
        type("🎨", into: &field)
        #expect(field.text == "数据🎨分析" && field.cursor == 3)
    }

    @Test func backspaceRemovesAWholeEmojiCluster() {
        var field = TextField("team 👨‍👩‍👧")
        do { let handled = field.handle(.backspace); #expect(handled) }
        #expect(field.text == "team " && field.cursor == 5)
        field = TextField("🇯🇵👍🏽")
        _ = field.handle(.backspace)
        #expect(field.text == "🇯🇵")
        _ = field.handle(.backspace)
        #expect(field.text.isEmpty && field.cursor == 0)
        do { let handled = field.handle(.backspace); #expect(handled) }  // at the start: consumed, nothing happens
    }

    @Test func deleteRemovesTheClusterAtTheCursor() {
        var field = TextField("a👨‍👩‍👧b")
        keys([.home, .right, .delete], &field)
        #expect(field.text == "ab" && field.cursor == 1)
        keys([.end, .delete], &field)
        #expect(field.text == "ab")
    }

    @Test func cursorMovementStaysInBounds() {
        var field = TextField("数据")
        keys([.right], &field)
        #expect(field.cursor == 2)
        keys([.left, .left, .left], &field)
        #expect(field.cursor == 0)
        keys([.end], &field)
        #expect(field.cursor == 2)
        keys([.home], &field)
        #expect(field.cursor == 0)
        keys([.control("e")], &field)
        #expect(field.cursor == 2)
        keys([.control("a")], &field)
        #expect(field.cursor == 0)
    }

    @Test func ctrlWDeletesThePreviousWord() {
        var field = TextField("find rust jobs  ")
        _ = field.handle(.control("w"))
        #expect(field.text == "find rust ")
        _ = field.handle(.control("w"))
        #expect(field.text == "find ")
        field = TextField("数据 分析 team")
        keys([.left, .left, .left, .left, .control("w")], &field)  // cursor after "分析 "
        #expect(field.text == "数据 team" && field.cursor == 3)
        field = TextField("")
        do { let handled = field.handle(.control("w")); #expect(handled) }
    }

    @Test func ctrlUClearsToTheLineStart() {
        var field = TextField("hello world")
        keys([.left, .left, .left, .left, .left, .control("u")], &field)
        #expect(field.text == "world" && field.cursor == 0)
        var note = TextField("first\nsecond line", multiline: true)
        keys([.left, .left, .left, .left, .control("u")], &note)
        #expect(note.text == "first\nline" && note.cursor == 6)
    }

    @Test func enterInsertsALineBreakOnlyWhenMultiline() {
        var single = TextField("a")
        do { let handled = single.handle(.enter); #expect(!handled) }
        do { let handled = single.handle(.character("\n")); #expect(!handled) }
        #expect(single.text == "a")
        var note = TextField("ab", multiline: true)
        keys([.left, .enter], &note)
        #expect(note.text == "a\nb" && note.cursor == 2)
        do { let handled = note.handle(.character("\r\n")); #expect(handled) }  // a pasted CRLF is stored as "\n"
        #expect(note.text == "a\n\nb")
    }

    @Test func homeAndEndStayOnTheLineWhenMultiline() {
        var note = TextField("one\ntwo three\nfour", multiline: true)
        keys([.up, .home], &note)
        #expect(note.cursor == 4)
        keys([.end], &note)
        #expect(note.cursor == 13)
        var single = TextField("one\ntwo")  // set programmatically: home/end are the whole text
        keys([.home], &single)
        #expect(single.cursor == 0)
    }

    @Test func upAndDownKeepTheDisplayColumn() {
        var note = TextField("数据ab\nxyz\n", multiline: true)
        keys([.up, .up, .home, .right], &note)  // after "数": display column 2
        #expect(note.cursor == 1)
        keys([.down], &note)
        #expect(note.cursor == 7)  // "xy|z"
        keys([.left], &note)  // "x|yz": column 1, inside "数" above
        keys([.up], &note)
        #expect(note.cursor == 0)
        keys([.end, .down, .down], &note)  // from the end of "数据ab" (column 6) to the short lines
        #expect(note.cursor == 9)
    }

    @Test func upAndDownAtTheEdgesAreLeftToTheForm() {
        var note = TextField("one\ntwo", multiline: true)
        do { let handled = note.handle(.down); #expect(!handled) }
        do { let handled = note.handle(.up); #expect(handled) }
        do { let handled = note.handle(.up); #expect(!handled) }
        var single = TextField("x")
        do { let handled = single.handle(.up); #expect(!handled) }
        do { let handled = single.handle(.down); #expect(!handled) }
    }

    @Test func keysForTheFormAreNotHandled() {
        var field = TextField("x")
        for key: Key in [.tab, .backTab, .escape, .pageUp, .function(2), .control("c"), .resize] {
            do { let handled = field.handle(key); #expect(!handled, "\(key)") }
        }
        #expect(field.text == "x")
    }

    @Test func controlCharactersAreNotInserted() {
        var field = TextField("ok")
        do { let handled = field.handle(.character("\u{1B}")); #expect(!handled) }
        do { let handled = field.handle(.character("\u{9B}")); #expect(!handled) }
        do { let handled = field.handle(.character("\r")); #expect(!handled) }
        #expect(field.text == "ok")
    }

    @Test func limitCountsGraphemeClusters() {
        var field = TextField(limit: 3)
        type("ab👨‍👩‍👧xyz", into: &field)
        #expect(field.text == "ab👨‍👩‍👧" && field.cursor == 3)
        do { let handled = field.handle(.character("q")); #expect(handled) }  // consumed, not inserted
        #expect(field.text == "ab👨‍👩‍👧")
    }

    @Test func aCombiningMarkJoinsTheClusterBeforeIt() {
        var field = TextField("cafe")
        _ = field.handle(.character("\u{301}"))
        #expect(field.text == "caf\u{E9}" && field.cursor == 4)
    }

    @Test func settingTheTextKeepsTheCursorInside() {
        var field = TextField("a long description")
        field.text = "short"
        #expect(field.cursor == 5)
        _ = field.handle(.backspace)
        #expect(field.text == "shor")
    }
}
