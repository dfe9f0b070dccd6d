import Foundation
import Testing
@testable import TernTerminal

/// Issue 18 point 7: every theme in themes/, as a 256-, 16- and 8-colour terminal draws it (xterm's
/// default palette for 0-15; a theme that keeps the terminal's background on black and on white),
/// keeps WCAG contrast: text 4.5:1 on the background and on the selection bar, the bar and the
/// borders 3:1 from the background. Where no bar colour can, the selection is reverse video.
@Suite("Theme contrast")
struct ThemeContrastTests {
    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: ThemeTestFiles.repositoryThemes)) ?? []
        return names.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
    }()

    static let depths: [ColorDepth] = [.full256, .sixteen, .eight]

    @Test func everyThemeFileIsChecked() {
        #expect(Self.files.count >= 5)
    }

    @Test("Text, selection and borders keep their contrast", arguments: files)
    func contrastHolds(name: String) throws {
        let theme = try ThemeLoader.load(named: name, searchPaths: [ThemeTestFiles.repositoryThemes])
        guard !theme.monochrome else {
            // No colours: the terminal's own pair, and the selection in reverse video.
            #expect(Style.selected.reverse)
            return
        }
        for depth in Self.depths {
            let drawn = ThemeRendition(theme: theme, depth: depth)
            let where_ = "\(name) at \(depth)"
            let background = drawn.color(.background)
            let ownBackground = background != .default
            for role in ColorRole.all where role != .background && role != .selection {
                let minimum: Double = switch role {
                case .text: Contrast.text
                case .border, .focusedBorder: Contrast.nonText
                default: ownBackground ? Contrast.text : Contrast.nonText
                }
                let ratio = ThemeRendition.worstRatio(drawn.color(role), on: background)
                #expect(ratio >= minimum, "\(where_): \(role.themeKey) \(drawn.color(role)) on \(background) is \(ratio):1")
            }
            if drawn.selectionReversed {
                // The bar is the text colour and its text the background: text's own contrast.
                #expect(ThemeRendition.worstRatio(drawn.color(.text), on: background) >= Contrast.text, "\(where_): reversed selection")
            } else {
                for polarity in TerminalPolarity.allCases {
                    let bar = ThemeRendition.rgb(drawn.color(.selection), polarity, isBackground: true)
                    let barOnBackground = Contrast.ratio(bar, ThemeRendition.rgb(background, polarity, isBackground: true))
                    let textOnBar = Contrast.ratio(ThemeRendition.rgb(drawn.color(.text), polarity, isBackground: false), bar)
                    #expect(barOnBackground >= Contrast.nonText, "\(where_) \(polarity): selection bar \(barOnBackground):1 from the background")
                    #expect(textOnBar >= Contrast.text, "\(where_) \(polarity): text on the selection \(textOnBar):1")
                }
            }
            if depth == .full256 {
                // The file itself is right: at 256 colours nothing is changed behind its back.
                #expect(drawn.adjusted.isEmpty, "\(where_): \(drawn.adjusted.map(\.themeKey)) miss their contrast in the file")
            }
        }
    }

    @Test func luminanceIsWCAGs() {
        #expect(Contrast.ratio((255, 255, 255), (0, 0, 0)) == 21)
        #expect(abs(Contrast.ratio((0x76, 0x76, 0x76), (255, 255, 255)) - 4.54) < 0.01)
        #expect(abs(Contrast.luminance((0xff, 0, 0)) - 0.2126) < 0.0001)
    }

    /// The two reported cases: an 8-colour xterm drew light text on cyan and black borders on black.
    @Test func eightColourXtermReversesTheSelectionAndKeepsBordersVisible() {
        let eight = ThemeRendition(theme: .builtInDefault, depth: .eight)
        #expect(eight.selectionReversed)
        #expect(eight.color(.border) != .index256(0))
        #expect(ThemeRendition.worstRatio(eight.color(.border), on: .default) >= 3)
    }
}
