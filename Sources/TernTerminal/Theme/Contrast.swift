import Foundation

/// WCAG 2 contrast between colours (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio): what
/// decides whether text can be read on a background (1.4.3 asks 4.5:1) and whether a border or
/// the selection bar can be seen against it (1.4.11 asks 3:1).
///
/// ```swift
/// Contrast.ratio((255, 255, 255), (0, 0, 0))   // 21.0
/// ```
public enum Contrast {
    public typealias RGB = (red: Int, green: Int, blue: Int)

    /// What body text needs on its background (WCAG 1.4.3).
    public static let text = 4.5
    /// What a border, the selection bar, or any part of the interface needs against what is
    /// next to it (WCAG 1.4.11).
    public static let nonText = 3.0

    /// WCAG relative luminance of an sRGB colour: 0 for black, 1 for white.
    public static func luminance(_ color: RGB) -> Double {
        func linear(_ channel: Int) -> Double {
            let c = Double(channel) / 255
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055).pow(2.4)
        }
        return 0.2126 * linear(color.red) + 0.7152 * linear(color.green) + 0.0722 * linear(color.blue)
    }

    /// The contrast ratio of two colours, 1 (the same) to 21 (black and white), in either order.
    public static func ratio(_ a: RGB, _ b: RGB) -> Double {
        let la = luminance(a), lb = luminance(b)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }
}

private extension Double {
    func pow(_ exponent: Double) -> Double { Foundation.pow(self, exponent) }
}
