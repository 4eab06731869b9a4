import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Roboflow's REST API for dataset exports (https://docs.roboflow.com/api, "Using the REST API";
/// https://docs.roboflow.com/datasets/versions/dataset-versions/exporting-data, "HTTP API"):
///
/// - `GET {api}/{workspace}/{project}/{version}/{format}?api_key=KEY` asks for an export of the
///   version in `format`. While Roboflow builds it the answer is `202` with
///   `{"progress": 0.0-1.0}`; when ready, `200` with `{"export": {"link": "https://..."}}`, a
///   signed link to the ZIP archive (the response shape the official Python SDK,
///   roboflow-python `roboflow/core/version.py`, reads). A rejected key gives `401` (or `403`) with
///   an `{"error": {"message": ...}}` body; an unknown dataset `404`.
public struct RoboflowClient: Sendable {
    /// The public API root.
    public static let defaultAPIURL = "https://api.roboflow.com"
    /// Environment variable holding the API key.
    public static let apiKeyVariable = "ROBOFLOW_API_KEY"

    public var apiURL: String
    public var apiKey: String
    /// Seconds between polls while the export is generated, and the most polls.
    public var pollIntervalSeconds = 2.0
    public var maximumPolls = 150

    public init(apiURL: String = RoboflowClient.defaultAPIURL, apiKey: String) {
        self.apiURL = apiURL.hasSuffix("/") ? String(apiURL.dropLast()) : apiURL
        self.apiKey = apiKey
    }

    /// The key from the environment, or a message that says how to set it.
    public static func apiKey(from environment: [String: String]) throws -> String {
        guard let key = environment[apiKeyVariable]?.trimmingCharacters(in: .whitespacesAndNewlines), !key.isEmpty else {
            throw DataError.remote(service: "Roboflow", problem: "no API key: set \(apiKeyVariable) to your workspace's private API key (Roboflow app → Settings → API Keys)")
        }
        return key
    }

    /// The download link of the export, waiting while Roboflow generates it. `progress` receives
    /// the generation progress (0-1).
    public func exportLink(_ dataset: RoboflowDatasetID, format: String, client: HTTPClient,
                           progress: (Double) -> Void = { _ in }) async throws -> String {
        var components = URLComponents(string: "\(apiURL)/\(dataset.workspace)/\(dataset.project)/\(dataset.version)/\(format)")
        components?.queryItems = [URLQueryItem(name: "api_key", value: apiKey)]
        guard let url = components?.url?.absoluteString else {
            throw DataError.invalidOption(option: "api-url", reason: "\(apiURL) is not a valid URL")
        }
        for _ in 0..<maximumPolls {
            let response: HTTPClientResponse
            let body: ByteBuffer
            do {
                response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(60))
                body = try await response.body.collect(upTo: 4 << 20)
            } catch {
                throw DataError.remote(service: "Roboflow", problem: "cannot reach \(apiURL) (\(error)); check the network")
            }
            let json = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
            switch response.status.code {
            case 200:
                guard let export = json?["export"] as? [String: Any], let link = export["link"] as? String, !link.isEmpty else {
                    throw DataError.remote(service: "Roboflow", problem: "the export answer has no export.link; is \(format) a valid export format for \(dataset)?")
                }
                return link
            case 202:
                progress((json?["progress"] as? Double) ?? 0)
                try await Task.sleep(nanoseconds: UInt64(pollIntervalSeconds * 1e9))
            case 401, 403:
                throw DataError.remote(service: "Roboflow", problem: "the API key was rejected (HTTP \(response.status.code)\(Self.message(json).map { ": \($0)" } ?? "")); check \(Self.apiKeyVariable) — it must be the private key of the workspace that owns \(dataset)")
            case 404:
                throw DataError.remote(service: "Roboflow", problem: "\(dataset) in format \(format) was not found (HTTP 404\(Self.message(json).map { ": \($0)" } ?? "")); check the workspace, project and version in the Roboflow app")
            default:
                throw DataError.remote(service: "Roboflow", problem: "HTTP \(response.status.code)\(Self.message(json).map { ": \($0)" } ?? "") for \(dataset)")
            }
        }
        throw DataError.remote(service: "Roboflow", problem: "the export of \(dataset) was still being generated after \(maximumPolls) polls; try again later")
    }

    /// The error text of a Roboflow error body (`{"error": {"message": ...}}` or `{"error": "..."}`).
    static func message(_ json: [String: Any]?) -> String? {
        if let error = json?["error"] as? [String: Any] { return error["message"] as? String }
        return json?["error"] as? String ?? json?["message"] as? String
    }
}
