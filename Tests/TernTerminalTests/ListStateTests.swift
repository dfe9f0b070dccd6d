import Testing
@testable import TernTerminal

@Suite("ListState")
struct ListStateTests {
    /// A state of `count` rows with `selected` chosen through the public API.
    private func state(count: Int, selecting index: Int = 0, rows: Int = 10) -> ListState {
        var s = ListState(count: count)
        s.select(index, visibleRows: rows)
        return s
    }

    @Test func startsAtTheTop() {
        let s = ListState(count: 5)
        #expect(s.count == 5 && s.selected == 0 && s.offset == 0)
        #expect(ListState().count == 0)
        #expect(ListState(count: -3).count == 0)
    }

    @Test func movingWithinThePageDoesNotScroll() {
        var s = ListState(count: 100)
        s.move(by: 9, visibleRows: 10)
        #expect(s.selected == 9 && s.offset == 0)
    }

    @Test func movingPastThePageScrollsTheLeastNeeded() {
        var s = ListState(count: 100)
        s.move(by: 12, visibleRows: 10)
        #expect(s.selected == 12 && s.offset == 3)
        s.move(by: -1, visibleRows: 10)
        #expect(s.selected == 11 && s.offset == 3)
        s.move(by: -10, visibleRows: 10)
        #expect(s.selected == 1 && s.offset == 1)
    }

    @Test func movingClampsAtBothEnds() {
        var s = ListState(count: 100)
        s.move(by: -5, visibleRows: 10)
        #expect(s.selected == 0 && s.offset == 0)
        s.move(by: 1000, visibleRows: 10)
        #expect(s.selected == 99 && s.offset == 90)
        s.move(by: .max, visibleRows: 10)  // saturates instead of overflowing
        #expect(s.selected == 99)
        s.move(by: .min, visibleRows: 10)
        #expect(s.selected == 0 && s.offset == 0)
    }

    @Test func selectClampsAndScrollsIntoView() {
        var s = ListState(count: 100)
        s.select(50, visibleRows: 10)
        #expect(s.selected == 50 && s.offset == 41)
        s.select(45, visibleRows: 10)  // already visible: no scroll
        #expect(s.selected == 45 && s.offset == 41)
        s.select(-3, visibleRows: 10)
        #expect(s.selected == 0 && s.offset == 0)
        s.select(1000, visibleRows: 10)
        #expect(s.selected == 99 && s.offset == 90)
    }

    @Test func pagingKeepsTheSelectionOnItsScreenRow() {
        var s = state(count: 100, selecting: 3)
        s.pageDown(visibleRows: 10)
        #expect(s.selected == 13 && s.offset == 10)
        s.pageDown(visibleRows: 10)
        #expect(s.selected == 23 && s.offset == 20)
        s.pageUp(visibleRows: 10)
        #expect(s.selected == 13 && s.offset == 10)
    }

    @Test func pagingStopsAtTheEnds() {
        var s = state(count: 100, selecting: 95)
        #expect(s.offset == 86)
        s.pageDown(visibleRows: 10)
        #expect(s.selected == 99 && s.offset == 90)
        s.pageDown(visibleRows: 10)
        #expect(s.selected == 99 && s.offset == 90)
        s = state(count: 100, selecting: 5)
        s.pageUp(visibleRows: 10)
        #expect(s.selected == 0 && s.offset == 0)
    }

    @Test func pagingAShortListJumpsToItsEnds() {
        var s = ListState(count: 4)
        s.pageDown(visibleRows: 10)
        #expect(s.selected == 3 && s.offset == 0)
        s.pageUp(visibleRows: 10)
        #expect(s.selected == 0 && s.offset == 0)
    }

    @Test func topAndBottom() {
        var s = ListState(count: 100)
        s.bottom(visibleRows: 10)
        #expect(s.selected == 99 && s.offset == 90)
        s.top()
        #expect(s.selected == 0 && s.offset == 0)
        var short = ListState(count: 4)
        short.bottom(visibleRows: 10)
        #expect(short.selected == 3 && short.offset == 0)
        var empty = ListState()
        empty.bottom(visibleRows: 10)
        #expect(empty.selected == 0 && empty.offset == 0)
    }

    @Test func setCountClampsSelectionAndOffset() {
        var s = state(count: 100, selecting: 50)
        s.setCount(20, visibleRows: 10)
        #expect(s.count == 20 && s.selected == 19 && s.offset == 10)
        s.setCount(0, visibleRows: 10)
        #expect(s.count == 0 && s.selected == 0 && s.offset == 0)
        s.setCount(-1, visibleRows: 10)
        #expect(s.count == 0)
    }

    @Test func setCountKeepsASelectionThatStillExists() {
        var s = state(count: 100, selecting: 12)
        s.setCount(500, visibleRows: 10)
        #expect(s.selected == 12 && s.offset == 3)
    }

    @Test func setCountPullsTheOffsetBackSoNoRowsAreWasted() {
        var s = state(count: 100, selecting: 99)
        s.move(by: -4, visibleRows: 10)
        #expect(s.selected == 95 && s.offset == 90)
        s.setCount(97, visibleRows: 10)
        #expect(s.selected == 95 && s.offset == 87)
    }

    @Test func setCountRescrollsForANewViewportHeight() {
        var s = state(count: 100, selecting: 30)  // offset 21
        s.setCount(100, visibleRows: 5)
        #expect(s.selected == 30 && s.offset == 26)
    }

    @Test func visibleRange() {
        #expect(ListState(count: 100).visibleRange(visibleRows: 10) == 0..<10)
        #expect(state(count: 100, selecting: 99).visibleRange(visibleRows: 10) == 90..<100)
        #expect(ListState(count: 5).visibleRange(visibleRows: 10) == 0..<5)
        #expect(ListState(count: 5).visibleRange(visibleRows: 0) == 0..<0)
        #expect(ListState(count: 5).visibleRange(visibleRows: -2) == 0..<0)
        #expect(ListState().visibleRange(visibleRows: 10) == 0..<0)
        #expect(ListState(count: 5).visibleRange(visibleRows: .max) == 0..<5)
    }

    @Test func visibleRangeSurvivesACountSetDirectly() {
        var s = state(count: 100, selecting: 99)
        s.count = 3  // bypassing setCount: the range must still be valid
        #expect(s.visibleRange(visibleRows: 10) == 3..<3)
    }

    @Test func aZeroRowViewportStillFollowsTheSelection() {
        var s = ListState(count: 10)
        s.move(by: 3, visibleRows: 0)
        #expect(s.selected == 3 && s.offset == 3)
    }

    @Test func visibleRowsLeavesRoomForTheHeader() {
        #expect(ListView.visibleRows(in: Rect(x: 0, y: 0, width: 80, height: 21)) == 20)
        #expect(ListView.visibleRows(in: Rect(x: 0, y: 0, width: 80, height: 1)) == 0)
        #expect(ListView.visibleRows(in: Rect(x: 0, y: 0, width: 80, height: 0)) == 0)
    }

    @Test func indexAtScreenRowMapsClicksToRows() {
        let area = Rect(x: 4, y: 2, width: 30, height: 6)  // header on row 2, rows 3...7
        let s = state(count: 13, selecting: 12, rows: 5)   // offset 8
        #expect(s.offset == 8)
        #expect(ListView.index(atScreenRow: 1, area: area, state: s) == nil)  // above
        #expect(ListView.index(atScreenRow: 2, area: area, state: s) == nil)  // header
        #expect(ListView.index(atScreenRow: 3, area: area, state: s) == 8)
        #expect(ListView.index(atScreenRow: 7, area: area, state: s) == 12)
        #expect(ListView.index(atScreenRow: 8, area: area, state: s) == nil)  // below
        let short = ListState(count: 2)
        #expect(ListView.index(atScreenRow: 4, area: area, state: short) == 1)
        #expect(ListView.index(atScreenRow: 5, area: area, state: short) == nil)  // past the last row
        #expect(ListView.index(atScreenRow: 3, area: Rect(x: 0, y: 0, width: 0, height: 0), state: s) == nil)
    }
}
