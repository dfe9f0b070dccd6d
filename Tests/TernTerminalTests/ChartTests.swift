import Testing
@testable import TernTerminal
import TernText

/// Sparklines and bar charts: scaled to their largest value, drawn by display width, clipped to
/// their area, readable in ASCII for flat mode.
@Suite("Charts")
struct ChartTests {
    // MARK: Sparkline

    @Test func aSparklineScalesToItsLargestValueAndShowsZeroAsASpace() {
        #expect(Sparkline.glyphs([0, 1, 2, 3, 4, 5, 6, 7, 8]) == " ▁▂▃▄▅▆▇█")
        // Any value above zero is at least the lowest block, however small beside the largest.
        #expect(Sparkline.glyphs([1, 1_000]) == "▁█")
        #expect(Sparkline.glyphs([0, 0, 0]) == "   " && Sparkline.glyphs([]) == "" && Sparkline.glyphs([-4, 2]) == " █")
        #expect(Sparkline.glyphs([3, 6, 24], maximum: 12) == "▂▄█")
        #expect(Sparkline.glyphs([0, 2, 4, 6, 8, 10], box: .ascii) == " _.-=#")
        #expect(Sparkline.glyphs([Int.max, 1]) == "█▁")
    }

    @Test func aNarrowSparklineKeepsTheNewestValuesScaledToThemAll() {
        let grid = WidgetSnapshotTests.render(8, 2) {
            Sparkline.draw(into: &$0, area: Rect(x: 1, y: 0, width: 4, height: 1), values: [1, 2, 3, 4, 5, 6])
            // Partly left of the grid: the columns off the grid take their values with them.
            Sparkline.draw(into: &$0, area: Rect(x: -2, y: 1, width: 4, height: 1), values: [1, 2, 3, 4, 5, 6], box: .ascii)
        }
        #expect(grid.text() == """
             ▄▆▇█
            ##
            """)
        #expect(grid[1, 0].style == Style(.accent))
    }

    // MARK: BarChart

    @Test func barsAreDrawnInEighthsAndAtLeastAThinMarkAboveZero() {
        #expect(BarChart.bar(3, maximum: 8, width: 4) == "█▌")
        #expect(BarChart.bar(8, maximum: 8, width: 4) == "████")
        #expect(BarChart.bar(1, maximum: 1_000, width: 4) == "▏")
        #expect(BarChart.bar(0, maximum: 8, width: 4).isEmpty && BarChart.bar(5, maximum: 0, width: 4).isEmpty)
        #expect(BarChart.bar(99, maximum: 8, width: 3) == "███")
        #expect(BarChart.bar(3, maximum: 8, width: 4, box: .ascii) == "##")
        #expect(BarChart.bar(1, maximum: 1_000, width: 4, box: .ascii) == "#")
    }

    @Test func labelsAlignByDisplayWidthWithCJKAndValuesFollowTheBars() {
        let bars = [BarChart.Bar("Design", 17), BarChart.Bar("東京大学", 7), BarChart.Bar("Writing", 0)]
        let grid = WidgetSnapshotTests.render(30, 4) {
            BarChart.draw(into: &$0, area: Rect(x: 0, y: 0, width: 30, height: 4), bars: bars)
        }
        #expect(grid.text() == """
            Design   ██████████████████ 17
            東京大学 ███████▍ 7
            Writing   0

            """)
        #expect(grid[9, 0].style == Style(.accent) && grid[0, 0].style == .plain && grid[28, 0].style == .plain)
        let ascii = WidgetSnapshotTests.render(30, 3) {
            BarChart.draw(into: &$0, area: Rect(x: 0, y: 0, width: 30, height: 3), bars: bars, box: .ascii)
        }
        #expect(ascii.text() == """
            Design   ################## 17
            東京大学 ####### 7
            Writing   0
            """)
    }

    @Test func hostileAndLongLabelsAreSanitizedAndTruncatedByDisplayWidth() {
        let bars = [BarChart.Bar("数据分析师 Data\u{1B}[2J", 3, text: "30%"), BarChart.Bar("a\u{202E}b", 1, text: "10%"),
                    BarChart.Bar("never drawn", 2)]
        let grid = WidgetSnapshotTests.render(20, 2) {
            BarChart.draw(into: &$0, area: Rect(x: 0, y: 0, width: 20, height: 2), bars: bars)
        }
        // The label column gets at most half of what the values leave: (20 - 3 - 2) / 2 = 7.
        #expect(grid.text() == """
            数据分… ████████ 30%
            a\\u{20… ██▋ 10%
            """)
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                #expect(!grid[x, y].text.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{202E}" })
            }
        }
    }

    @Test func chartsInAnAreaPartlyOffTheGridClipWithoutTearingWideLabels() {
        let bars = [BarChart.Bar("東京大学", 4), BarChart.Bar("Ok", 8)]
        let grid = WidgetSnapshotTests.render(12, 2) {
            BarChart.draw(into: &$0, area: Rect(x: -3, y: 0, width: 20, height: 2), bars: bars)
        }
        // Column -3 starts the area: 東 is off the grid, 京 straddles column 0 and becomes a
        // space, and the values (at column 12 and beyond) are off the right edge.
        #expect(grid.text() == """
             大学 ████▌
                  ██████
            """)
        for y in 0..<grid.height {
            for x in 1..<grid.width where grid[x, y].width == 0 {
                #expect(grid[x - 1, y].width == 2)
            }
        }
    }
}
