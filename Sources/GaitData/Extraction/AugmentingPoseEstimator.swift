import GaitVideo

/// A pose estimator that augments each RGB frame (`ImageAugmentation`) before handing it to
/// another estimator: the poses are those of the augmented video.
public final class AugmentingPoseEstimator: PoseEstimator {
    let inner: PoseEstimator
    let augmentation: ImageAugmentation

    public init(_ inner: PoseEstimator, recipe: AugmentationRecipe) {
        self.inner = inner
        augmentation = ImageAugmentation(recipe)
    }

    public func estimate(_ frame: RGBFrame, timestampMilliseconds: Int64) throws -> [DetectedPose] {
        var augmented = frame
        augmentation.apply(to: &augmented.pixels, width: frame.width, height: frame.height)
        return try inner.estimate(augmented, timestampMilliseconds: timestampMilliseconds)
    }
}
