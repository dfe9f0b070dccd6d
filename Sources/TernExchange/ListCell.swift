import TernStore
/// A list inside one CSV cell: items separated by `|`. A backslash makes the next character
/// literal, so `\|` is a bar inside an item and `\\` a backslash.
///
/// People type cells like `Python | SQL`, so whitespace around an item is not part of it; an
/// escaped whitespace character is. ``join(_:)`` escapes the whitespace at each item's edges,
/// which is what lets an item such as `"\u{3000}note "` come back byte for byte. An item that is
/// empty (`a||b`, a trailing `|`) is no item. Works on Unicode scalars throughout: a `|` followed
/// by a combining mark is one Character, yet still a separator.
///
/// ```swift
/// ListCell.join(["A|B", " pad "])     // "A\\|B|\\ pad\\ "
/// ListCell.split("A\\|B|\\ pad\\ ")   // ["A|B", " pad "]
/// ListCell.split("Python | SQL |")    // ["Python", "SQL"]
/// ```
package enum ListCell {
    package static func join(_ items: [String]) -> String {
        var cell = String.UnicodeScalarView()
        for (number, item) in items.enumerated() {
            if number > 0 { cell.append("|") }
            let scalars = Array(item.unicodeScalars)
            // Leading and trailing whitespace would be trimmed by `split`; escaped, it is kept.
            let firstKept = scalars.firstIndex { !$0.properties.isWhitespace } ?? scalars.count
            let lastKept = scalars.lastIndex { !$0.properties.isWhitespace } ?? -1
            for (index, scalar) in scalars.enumerated() {
                if scalar == "\\" || scalar == "|" || index < firstKept || index > lastKept {
                    cell.append("\\")
                }
                cell.append(scalar)
            }
        }
        return String(cell)
    }

    package static func split(_ cell: String) -> [String] {
        var items: [String] = []
        var current: [Unicode.Scalar] = []
        // How much of `current` is kept: up to its last escaped or non-whitespace scalar.
        var keptCount = 0
        var escaped = false
        func finishItem() {
            if keptCount > 0 {
                var item = String.UnicodeScalarView()
                item.append(contentsOf: current[..<keptCount])
                items.append(String(item))
            }
            current.removeAll(keepingCapacity: true)
            keptCount = 0
        }
        for scalar in cell.unicodeScalars {
            if escaped {
                current.append(scalar)
                keptCount = current.count
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if scalar == "|" {
                finishItem()
            } else if scalar.properties.isWhitespace {
                // Unescaped whitespace before an item's first kept scalar is not part of it.
                if !current.isEmpty { current.append(scalar) }
            } else {
                current.append(scalar)
                keptCount = current.count
            }
        }
        // A trailing lone backslash escapes nothing; keep it rather than lose it.
        if escaped {
            current.append("\\")
            keptCount = current.count
        }
        finishItem()
        return items
    }
}
