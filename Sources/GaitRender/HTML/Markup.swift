import Foundation

/// A piece of XHTML/SVG markup: an element with attributes and children, or text.
///
/// Rendering escapes every attribute value and text, and writes well-formed XML that HTML parsers
/// read the same way: empty SVG elements and HTML void elements self-close, every other empty
/// HTML element gets an explicit end tag (`<div/>` would open a `div` in an HTML parser).
struct Markup {
    enum Content {
        case element(name: String, attributes: [(String, String)], children: [Markup])
        case text(String)
    }

    var content: Content

    /// An element, e.g. `.tag("rect", [("x", "12")])`.
    static func tag(_ name: String, _ attributes: [(String, String)] = [], _ children: [Markup] = []) -> Markup {
        Markup(content: .element(name: name, attributes: attributes, children: children))
    }

    /// An element holding only text, e.g. `.tag("td", text: "245 ms")`.
    static func tag(_ name: String, _ attributes: [(String, String)] = [], text: String) -> Markup {
        tag(name, attributes, [.text(text)])
    }

    /// Text, escaped when rendered.
    static func text(_ string: String) -> Markup { Markup(content: .text(string)) }

    /// Elements that may be written `<name/>`: SVG shapes and HTML void elements.
    static let selfClosing: Set<String> = [
        "rect", "line", "polyline", "polygon", "circle", "path", "text", "g", "svg", "title", "meta", "br", "hr",
    ]

    func render(into output: inout String) {
        switch content {
        case .text(let string):
            output += XMLEscaping.text(string)
        case .element(let name, let attributes, let children):
            output += "<" + name
            for (key, value) in attributes {
                output += " " + key + "=\"" + XMLEscaping.attribute(value) + "\""
            }
            if children.isEmpty && Markup.selfClosing.contains(name) {
                output += "/>"
                return
            }
            output += ">"
            for child in children { child.render(into: &output) }
            output += "</" + name + ">"
        }
    }

    var rendered: String {
        var output = ""
        render(into: &output)
        return output
    }
}

/// Escaping for XML text and attribute values (also correct for HTML).
enum XMLEscaping {
    /// `&`, `<` and `>` escaped; control characters XML forbids dropped.
    static func text(_ string: String) -> String {
        var output = ""
        output.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            default:
                if isAllowedInXML(scalar) { output.unicodeScalars.append(scalar) }
            }
        }
        return output
    }

    /// As `text`, plus both quote characters.
    static func attribute(_ string: String) -> String {
        text(string).replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }

    /// XML 1.0 allows tab, newline, carriage return and everything from U+0020 except U+FFFE/U+FFFF.
    static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
