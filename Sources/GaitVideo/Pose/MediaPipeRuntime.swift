import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The MediaPipe Tasks C API (`libmediapipe.so` from the `mediapipe` 1.2.3 wheel), opened with
/// `dlopen` at run time so that the package builds and runs its other features without it.
///
/// No C header ships with the library; the function signatures and struct layouts below are those
/// of the wheel's ctypes wrappers (`tasks/python/core/base_options_c.py`,
/// `tasks/python/vision/pose_landmarker.py`, `tasks/python/components/containers/landmark_c.py`,
/// `tasks/python/vision/core/image.py`), checked with `ctypes.sizeof` / field offsets.
final class MediaPipeRuntime: @unchecked Sendable {
    typealias Create = @convention(c) (
        UnsafeRawPointer, UnsafeMutablePointer<UnsafeMutableRawPointer?>,
        UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    ) -> Int32
    typealias DetectForVideo = @convention(c) (
        UnsafeMutableRawPointer, UnsafeMutableRawPointer, UnsafeRawPointer?, Int64, UnsafeMutableRawPointer,
        UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    ) -> Int32
    typealias CloseResult = @convention(c) (UnsafeMutableRawPointer) -> Void
    typealias Close = @convention(c) (
        UnsafeMutableRawPointer, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    ) -> Int32
    typealias ImageCreate = @convention(c) (
        Int32, Int32, Int32, UnsafePointer<UInt8>, Int32, UnsafeMutablePointer<UnsafeMutableRawPointer?>,
        UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    ) -> Int32
    typealias ImageFree = @convention(c) (UnsafeMutableRawPointer) -> Void
    typealias ErrorFree = @convention(c) (UnsafeMutablePointer<CChar>) -> Void

    /// Struct layouts (bytes), from the ctypes wrappers.
    enum Layout {
        static let baseOptionsSize = 80
        static let poseLandmarkerOptionsSize = 112
        static let resultSize = 48
        static let landmarkSize = 40
        static let landmarkListSize = 16
    }

    /// `MpImageFormat` SRGB: packed 8-bit RGB.
    static let imageFormatSRGB: Int32 = 1

    let create: Create
    let detectForVideo: DetectForVideo
    let closeResult: CloseResult
    let close: Close
    let imageCreate: ImageCreate
    let imageFree: ImageFree
    let errorFree: ErrorFree
    /// Size of the library file, bytes.
    let fileByteCount: Int
    /// Held while a landmarker is created: creation reads process-wide settings of the library
    /// (`MediaPipeInferenceThreads`).
    let creationLock = NSLock()
    private let handle: UnsafeMutableRawPointer

    /// Opens the library at `path` and resolves the functions the pose landmarker uses.
    init(path: String) throws {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown dlopen error"
            throw VideoError.runtimeUnavailable(path: path, reason: reason)
        }
        self.handle = handle
        func symbol<T>(_ name: String, as type: T.Type) throws -> T {
            guard let address = dlsym(handle, name) else {
                throw VideoError.runtimeUnavailable(path: path, reason: "the library lacks \(name)")
            }
            return unsafeBitCast(address, to: type)
        }
        create = try symbol("MpPoseLandmarkerCreate", as: Create.self)
        detectForVideo = try symbol("MpPoseLandmarkerDetectForVideo", as: DetectForVideo.self)
        closeResult = try symbol("MpPoseLandmarkerCloseResult", as: CloseResult.self)
        close = try symbol("MpPoseLandmarkerClose", as: Close.self)
        imageCreate = try symbol("MpImageCreateFromUint8Data", as: ImageCreate.self)
        imageFree = try symbol("MpImageFree", as: ImageFree.self)
        errorFree = try symbol("MpErrorFree", as: ErrorFree.self)
        fileByteCount = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    // The library stays loaded for the life of the process: MediaPipe keeps global state (thread
    // pools, registries) that must not be unloaded while any landmarker may still run.

    /// The message of a failed call, freeing MediaPipe's copy.
    func takeMessage(_ message: UnsafeMutablePointer<CChar>?, status: Int32) -> String {
        guard let message else { return "status \(status)" }
        defer { errorFree(message) }
        return String(cString: message)
    }
}
