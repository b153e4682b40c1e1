/// An error a command reports on stderr before exiting with status 1 (swift-argument-parser
/// prints "Error: " and the description).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
