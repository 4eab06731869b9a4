import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// How many threads MediaPipe's landmark and detector models run on.
///
/// The C API of mediapipe 1.2.3 has no thread setting: its base options carry none, and the LiteRT
/// runner that executes the models asks `mediapipe::GetCpuDefaultNumThreads()`, which in this build
/// is two instructions, `mov $1, %eax; ret`. So a landmarker uses one core however many there are.
/// `set(_:in:)` writes another count into that instruction's operand in this process's copy of the
/// library (the file on disk stays the pinned one, byte for byte), before a landmarker is created:
/// the runner reads the count when the landmarker is created, and XNNPACK splits each layer's
/// outputs over the threads, so the landmarks are bit-identical to one thread
/// (`PoseExtractionTests.exactnessAgainstPython` compares 2 threads with MediaPipe's Python API,
/// which runs 1).
///
/// The function's place is read off the library's symbol table (`nm -C libmediapipe.so | grep -e
/// GetCpuDefaultNumThreads -e MpPoseLandmarkerCreate`), and its bytes are checked before anything is
/// written: a different build is left alone and keeps one thread.
enum MediaPipeInferenceThreads {
    /// Addresses in mediapipe 1.2.3's `libmediapipe.so` (before loading) of
    /// `mediapipe::GetCpuDefaultNumThreads()` and of the exported `MpPoseLandmarkerCreate`, which
    /// `dlsym` finds: their distance is the same wherever the library is loaded.
    static let functionAddress = 0x34F_D158
    static let createAddress = 0x336_4430
    /// Most threads worth asking for: the landmark model runs on a 256 × 256 crop, and XNNPACK's
    /// layers get too small to split much further (measured on 2 cores only; see docs/video.md).
    static let maximumUseful = 4

    /// The thread count for each of `landmarkersAtOnce` landmarkers running at the same time: this
    /// machine's cores shared between them, 1 to `maximumUseful` each.
    static func recommended(landmarkersAtOnce: Int) -> Int {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return min(maximumUseful, max(1, cores / max(1, landmarkersAtOnce)))
    }

    /// Sets the thread count that landmarkers created from now on in `runtime` use; returns the
    /// count they will use (1 when the library is not the expected build or its code cannot be
    /// made writable). Call with `runtime.creationLock` held, so that no other landmarker is
    /// being created meanwhile.
    static func set(_ threads: Int, in runtime: MediaPipeRuntime) -> Int {
        #if arch(x86_64) && canImport(Glibc)
        guard let function = function(in: runtime), let current = count(at: function) else { return 1 }
        let wanted = Int32(clamping: max(1, threads))
        if current == wanted { return Int(wanted) }
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = Int(bitPattern: function) & ~(pageSize - 1)
        let length = Int(bitPattern: function) + instructionLength - start
        guard let page = UnsafeMutableRawPointer(bitPattern: start),
            mprotect(page, length, PROT_READ | PROT_WRITE | PROT_EXEC) == 0
        else { return Int(current) }
        // The operand, little-endian, after the opcode byte. x86 keeps instruction fetch coherent
        // with stores, so the next call sees the new count.
        withUnsafeBytes(of: wanted.littleEndian) { bytes in
            for (index, byte) in bytes.enumerated() { function.storeBytes(of: byte, toByteOffset: 1 + index, as: UInt8.self) }
        }
        mprotect(page, length, PROT_READ | PROT_EXEC)
        return Int(wanted)
        #else
        return 1
        #endif
    }

    /// The count landmarkers created now would use: the function's answer, called for real; `nil`
    /// when the library is not the expected build.
    static func current(in runtime: MediaPipeRuntime) -> Int? {
        guard let function = function(in: runtime), count(at: function) != nil else { return nil }
        typealias GetCount = @convention(c) () -> Int32
        return Int(unsafeBitCast(function, to: GetCount.self)())
    }

    /// `mov $imm32, %eax` (0xB8 and four operand bytes) then `ret` (0xC3).
    private static let instructionLength = 6

    /// The function's address in `runtime`'s loaded image, when the library is the pinned one.
    private static func function(in runtime: MediaPipeRuntime) -> UnsafeMutableRawPointer? {
        guard runtime.fileByteCount == ModelSet.runtimeByteCount else { return nil }
        let create = UnsafeMutableRawPointer(mutating: unsafeBitCast(runtime.create, to: UnsafeRawPointer.self))
        return create + (functionAddress - createAddress)
    }

    /// The count in the function's `mov` when its code has the expected shape, else `nil`.
    private static func count(at function: UnsafeMutableRawPointer) -> Int32? {
        guard function.load(as: UInt8.self) == 0xB8, function.load(fromByteOffset: 5, as: UInt8.self) == 0xC3 else {
            return nil
        }
        var value: Int32 = 0
        withUnsafeMutableBytes(of: &value) { bytes in
            for index in 0..<4 { bytes[index] = function.load(fromByteOffset: 1 + index, as: UInt8.self) }
        }
        return Int32(littleEndian: value)
    }
}
