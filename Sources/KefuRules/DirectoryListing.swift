import Foundation

/// The files under a directory whose names end in one of some suffixes, as paths relative to the
/// directory, sorted: the order rule files and corpus files are read in.
func listFiles(under root: String, endingIn suffixes: [String]) -> [String] {
    var found: [String] = []
    if let enumerator = FileManager.default.enumerator(atPath: root) {
        for case let path as String in enumerator where suffixes.contains(where: path.hasSuffix) {
            found.append(path)
        }
    }
    return found.sorted()
}
