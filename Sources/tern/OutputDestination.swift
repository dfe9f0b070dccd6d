import Foundation

/// Where a command's standard output goes, for the audit log's "to where" of a disclosure: a
/// terminal, a pipe, or a file by its path.
///
/// ```swift
/// OutputDestination.standardOutput   // "file /home/rpatel/students.csv"
/// ```
enum OutputDestination {
    static var standardOutput: String { describe(STDOUT_FILENO) }

    static func describe(_ descriptor: Int32) -> String {
        if isatty(descriptor) == 1 { return "terminal" + (ttyname(descriptor).map { " " + String(cString: $0) } ?? "") }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return "closed output" }
        switch info.st_mode & S_IFMT {
        case S_IFIFO: return "pipe"
        case S_IFSOCK: return "socket"
        default:
            // The kernel's name for the open file (a regular file, /dev/null).
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink("/proc/self/fd/\(descriptor)", &buffer, buffer.count - 1)
            guard length > 0 else { return "file" }
            return "file " + String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
