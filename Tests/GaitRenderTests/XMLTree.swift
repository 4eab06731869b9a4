import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A parsed XML element, for checking the HTML report's structure in tests.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// This element and all below it, depth first.
    var all: [XMLNode] { [self] + children.flatMap(\.all) }

    /// All text inside, concatenated.
    var allText: String { text + children.map(\.allText).joined() }

    func descendants(_ name: String) -> [XMLNode] { all.filter { $0.name == name } }

    func element(id: String) -> XMLNode? { all.first { $0.attributes["id"] == id } }

    func hasClass(_ name: String) -> Bool {
        (attributes["class"] ?? "").split(separator: " ").contains { $0 == name }
    }

    func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }

    /// Parses `markup` with Foundation's `XMLParser`; the error names the line and column.
    static func parse(_ markup: String) throws -> XMLNode {
        let builder = Builder()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw ParseError(
                message: parser.parserError.map { "\($0)" } ?? "no root element", line: parser.lineNumber,
                column: parser.columnNumber)
        }
        return root
    }

    struct ParseError: Error, CustomStringConvertible {
        var message: String
        var line: Int
        var column: Int
        var description: String { "XML error at \(line):\(column): \(message)" }
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLNode?
        var stack: [XMLNode] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let node = XMLNode(name: elementName, attributes: attributes)
            stack.last?.children.append(node)
            if root == nil { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
