import CodescoreConfig
import Foundation

public enum WorkspaceError: Error, Sendable, Equatable, CustomStringConvertible {
    case unsafePath(String)
    case symlinkInPath(String)
    case io(String)

    public var description: String {
        switch self {
        case let .unsafePath(path): return "refused the path '\(path)': it must be relative and stay inside the workspace"
        case let .symlinkInPath(path): return "refused the path '\(path)': it goes through a symbolic link"
        case let .io(detail): return detail
        }
    }
}

/// A fresh folder for one execution of a sample. Writes and reads never follow a symlink out of it:
/// the files in it after a run were written by untrusted code.
public struct Workspace: Sendable {
    public let root: URL

    /// Creates an empty workspace under `parent` (created 0711 so the sandbox user can reach it).
    public static func create(under parent: URL) throws(WorkspaceError) -> Workspace {
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o711])
            let root = parent.appendingPathComponent("ws-" + UUID().uuidString.lowercased().prefix(12))
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o755])
            return Workspace(root: root)
        } catch {
            throw .io("cannot create a workspace under \(parent.path): \(error.localizedDescription)")
        }
    }

    /// Writes a file at a workspace-relative path, creating its folders.
    public func write(_ relativePath: String, _ contents: Data) throws(WorkspaceError) {
        guard RelativePath.isConfined(relativePath) else { throw .unsafePath(relativePath) }
        let components = relativePath.split(separator: "/").map(String.init)
        var folder = root.path
        for component in components.dropLast() {
            folder += "/" + component
            var info = stat()
            if lstat(folder, &info) == 0 {
                guard info.st_mode & S_IFMT == S_IFDIR else { throw .symlinkInPath(relativePath) }
            } else if mkdir(folder, 0o755) != 0 {
                throw .io("cannot create \(folder): \(String(cString: strerror(errno)))")
            }
        }
        let path = folder + "/" + components[components.count - 1]
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw errno == ELOOP ? .symlinkInPath(relativePath) : .io("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let ok = contents.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
        guard ok else { throw .io("cannot write \(path): \(String(cString: strerror(errno)))") }
    }

    /// Reads a regular file the sandboxed code may have written, at most `limit` bytes; nil when it is
    /// missing, not a regular file, reached through a symlink, or larger than the limit.
    public func readUntrustedFile(_ relativePath: String, limit: Int) -> Data? {
        guard RelativePath.isConfined(relativePath) else { return nil }
        var path = root.path
        for component in relativePath.split(separator: "/").dropLast() {
            path += "/" + component
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        }
        path = root.path + "/" + relativePath
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= limit else { return nil }
        var data = Data(count: Int(info.st_size))
        let count = data.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        return count < 0 ? nil : data.prefix(count)
    }

    /// Gives the workspace to the user sandboxed code runs as: nobody when codescore runs as root
    /// (LauncherProcess drops to it), else nothing to do.
    public func handOverToSandboxUser() {
        guard LauncherProcess.runsAsRoot else { return }
        handOver(toUser: LauncherProcess.nobody.user, group: LauncherProcess.nobody.group)
    }

    func handOver(toUser user: uid_t, group: gid_t) {
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return }
        _ = lchown(root.path, user, group)
        for case let relative as String in enumerator { _ = lchown(root.path + "/" + relative, user, group) }
    }

    /// Deletes the workspace, first making every folder writable (sandboxed code may have locked some).
    public func remove() {
        if let enumerator = FileManager.default.enumerator(atPath: root.path) {
            for case let relative as String in enumerator {
                var info = stat()
                let path = root.path + "/" + relative
                if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { chmod(path, 0o700) }
            }
        }
        try? FileManager.default.removeItem(at: root)
    }
}
