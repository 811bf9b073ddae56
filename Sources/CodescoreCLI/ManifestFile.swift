import CodescoreResults
import Foundation
import Synchronization

/// `run.json` of the current run: every update is written at once, so an interrupted run leaves an
/// accurate manifest behind (status `interrupted`).
final class ManifestFile: Sendable {
    private let url: URL
    private let state: Mutex<RunManifest>

    init(_ manifest: RunManifest, url: URL) {
        self.url = url
        self.state = Mutex(manifest)
    }

    var snapshot: RunManifest { state.withLock { $0 } }

    func update(_ change: (inout RunManifest) -> Void) {
        state.withLock { manifest in
            change(&manifest)
            try? manifest.write(to: url)
        }
    }

    /// Refuses to resume into a folder whose earlier run used a different configuration of a model that is
    /// run again: the samples would mix two configurations. Returns the earlier run's other models, kept.
    static func carriedOverModels(previous: RunManifest?, current: [RunManifest.Model], modelsWithRecords: Set<String>,
                                  manifestPath: String) -> Result<[RunManifest.Model], ConfigurationChanged> {
        guard let previous else { return .success([]) }
        let currentNames = Set(current.map(\.name))
        for model in current where modelsWithRecords.contains(model.name) {
            if let earlier = previous.models.first(where: { $0.name == model.name }), earlier.configSHA256 != model.configSHA256 {
                return .failure(ConfigurationChanged(model: model.name, manifestPath: manifestPath,
                                                     earlier: earlier.configSHA256, now: model.configSHA256))
            }
        }
        return .success(previous.models.filter { !currentNames.contains($0.name) })
    }

    struct ConfigurationChanged: Error, CustomStringConvertible {
        var model, manifestPath, earlier, now: String
        var description: String {
            "\(manifestPath): model '\(model)' was run with a different configuration (config_sha256 \(earlier.prefix(12))…, now "
                + "\(now.prefix(12))…); resuming would mix samples of both. Write to a new --out folder, or delete this one to start over."
        }
    }
}

/// Turns SIGINT and SIGTERM into an orderly stop: the handler runs once, then the process exits 130 or 143.
///
/// The C-level handler only writes the signal number to a pipe (async-signal-safe); a waiting thread
/// reads it and does the real work. (An ignored signal never reaches a dispatch signal source on Linux.)
enum InterruptHandler {
    nonisolated(unsafe) private static var pipeFDs: [Int32] = [-1, -1]

    static func install(_ handler: @escaping @Sendable (Int32) -> Void) {
        guard pipe(&pipeFDs) == 0 else { return }
        let readEnd = pipeFDs[0]
        Thread.detachNewThread {
            var signalNumber: UInt8 = 0
            while read(readEnd, &signalNumber, 1) < 0 && errno == EINTR {}
            handler(Int32(signalNumber))
            exit(128 + Int32(signalNumber))
        }
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber) { received in
                var byte = UInt8(truncatingIfNeeded: received)
                _ = write(InterruptHandler.pipeFDs[1], &byte, 1)
            }
        }
    }
}
