/// Builds MediaPipe's PoseLandmarker model bundle (`.task`) from the two BlazePose TFLite models.
///
/// A `.task` is a stored (uncompressed) zip holding `pose_detector.tflite` and
/// `pose_landmarks_detector.tflite`. The detector already carries the metadata MediaPipe needs and
/// goes in untouched; the full landmark model gets `NormalizationOptions` metadata (mean 0, std 255:
/// RGB bytes to [0, 1], as the legacy BlazePose pipeline fed it). The result is byte-identical for
/// the same inputs, so it can be verified by checksum.
public enum PoseLandmarkerBundle {
    /// Normalisation of the landmark model's input: [0, 255] → [0, 1].
    public static let landmarkNormalization = TFLiteMetadataPatcher.ImageNormalization(
        mean: 0, std: 255, normalizedMin: 0, normalizedMax: 1)

    /// The `.task` bytes for the BlazePose detector `detector` and landmark model `landmarker`
    /// (the contents of `pose_detection.tflite` and `pose_landmark_full.tflite`).
    public static func build(detector: [UInt8], landmarker: [UInt8]) throws -> [UInt8] {
        let patchedLandmarker = try TFLiteMetadataPatcher.addingImageMetadata(
            to: landmarker, name: "pose_landmark_full.tflite", modelName: "BlazePose GHUM 3D full",
            normalization: landmarkNormalization)
        var zip = StoredZipWriter(alignment: 4)
        zip.add(name: "pose_detector.tflite", data: detector)
        zip.add(name: "pose_landmarks_detector.tflite", data: patchedLandmarker)
        return zip.finish()
    }
}
