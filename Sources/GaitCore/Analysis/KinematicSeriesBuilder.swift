/// The per-sample angle and pelvis series behind the report's charts.
struct KinematicSeriesBuilder {
    let pose: CleanedPose
    let pixelsPerMeter: Double

    func series() -> KinematicSeries {
        func knee(_ side: BodySide, _ i: Int) -> Double? {
            let leg = LegLandmarks(side)
            guard let hip = pose.point(leg.hip, i), let knee = pose.point(leg.knee, i), let ankle = pose.point(leg.ankle, i) else { return nil }
            return SagittalAngles.kneeFlexion(hip: hip, knee: knee, ankle: ankle)
        }
        func hip(_ side: BodySide, _ i: Int) -> Double? {
            let leg = LegLandmarks(side)
            guard let hip = pose.point(leg.hip, i), let knee = pose.point(leg.knee, i) else { return nil }
            return SagittalAngles.segmentFromVertical(top: hip, bottom: knee)
        }
        let indices = Array(0..<pose.count)
        let pelvis = indices.map { pose.pelvis($0)?.y }
        let lowest = pelvis.compactMap { $0 }.min() ?? 0
        return KinematicSeries(
            t: pose.times,
            kneeFlexionLeft: indices.map { knee(.left, $0) }, kneeFlexionRight: indices.map { knee(.right, $0) },
            hipFlexionLeft: indices.map { hip(.left, $0) }, hipFlexionRight: indices.map { hip(.right, $0) },
            trunkLean: indices.map { i in
                guard let hips = pose.pelvis(i), let ls = pose.point(.leftShoulder, i), let rs = pose.point(.rightShoulder, i) else { return nil }
                return SagittalAngles.trunkLean(hipMidpoint: hips, shoulderMidpoint: ls.midpoint(rs))
            },
            pelvisHeight: pelvis.map { $0.map { ($0 - lowest) / pixelsPerMeter } })
    }
}
