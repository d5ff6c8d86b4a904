import Foundation

/// Diagnostics go to standard error through FileHandle (the C global is not concurrency-safe).
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
