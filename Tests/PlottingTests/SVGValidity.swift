import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// Parses SVG text with Foundation's XML parser and reports the first error.
final class XMLCheck: NSObject, XMLParserDelegate {
    private(set) var elements: [String] = []
    private(set) var error: String?

    static func check(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> XMLCheck {
        let checker = XMLCheck()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = checker
        if !parser.parse() {
            checker.error = parser.parserError.map { "\($0)" } ?? "unknown XML error"
        }
        XCTAssertNil(checker.error, "SVG does not parse as XML", file: file, line: line)
        return checker
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(name)
    }
}
