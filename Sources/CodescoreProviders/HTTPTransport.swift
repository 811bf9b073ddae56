import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A response read in full, within the size cap.
public struct HTTPResponseData: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data
}

/// POSTs JSON with a connect timeout, a whole-request deadline (first byte sent to last byte read)
/// and a cap on the response size. One per model, so its connection pool matches the model's concurrency.
public final class HTTPTransport: Sendable {
    private let client: HTTPClient
    private let requestTimeout: Double
    private let maxResponseBytes: Int

    public init(connectTimeoutSeconds: Double, requestTimeoutSeconds: Double, maxResponseBytes: Int, maxConnections: Int) {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .milliseconds(Int64(connectTimeoutSeconds * 1000))),
            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: maxConnections)
        )
        configuration.httpVersion = .automatic
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        requestTimeout = requestTimeoutSeconds
        self.maxResponseBytes = maxResponseBytes
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    public func post(url: String, headers: [(String, String)], body: Data) async throws(ProviderError) -> HTTPResponseData {
        var builder = HTTPClientRequest(url: url)
        builder.method = .POST
        for (name, value) in headers { builder.headers.add(name: name, value: value) }
        builder.body = .bytes(ByteBuffer(bytes: body))
        let request = builder
        let (client, timeout, limit) = (client, requestTimeout, maxResponseBytes)
        do {
            return try await withDeadline(seconds: timeout) {
                let response = try await client.execute(request, deadline: .now() + .milliseconds(Int64(timeout * 1000)))
                let buffer = try await response.body.collect(upTo: limit)
                return HTTPResponseData(
                    status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                    body: Data(buffer.readableBytesView))
            }
        } catch let error as ProviderError {
            throw error
        } catch {
            throw Self.classify(error, timeout: timeout, limit: limit)
        }
    }

    static func classify(_ error: any Error, timeout: Double, limit: Int) -> ProviderError {
        if error is NIOTooManyBytesError { return .responseTooLarge(limitBytes: limit) }
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .deadlineExceeded, .readTimeout, .writeTimeout: return .timeout(seconds: timeout)
            case .connectTimeout: return .connection("connect timed out")
            default: return .connection(String(describing: clientError))
            }
        }
        if error is CancellationError { return .timeout(seconds: timeout) }
        return .connection(String(describing: error))
    }
}
