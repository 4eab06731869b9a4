/// The lower-body joint centres of a Fukuchi 2017 runner, rebuilt from the marker clusters with the
/// static trial (see `docs/validation-fukuchi.md`).
///
/// | landmark   | point                                                   | carried by        |
/// |------------|---------------------------------------------------------|-------------------|
/// | hip        | hip joint centre, `HipJointCentre.harrington2007`       | pelvis (6 markers)|
/// | knee       | midpoint of the femoral epicondyle markers (Knee, Knee.Medial) | thigh cluster (4) |
/// | ankle      | midpoint of the malleolus markers (Ankle, Ankle.Medial) | shank cluster (4) |
/// | heel       | the Heel.Bottom marker as measured (rebuilt only when lost) | foot (5)      |
/// | foot index | 2nd metatarsal head (MT2, static trial only)            | foot (5)          |
///
/// Nothing above the pelvis was measured, so shoulders, arms and head stay absent.
struct Fukuchi2017Skeleton {
    private let pelvis: TrackedSegment
    private let thigh: [BodySide: TrackedSegment]
    private let shank: [BodySide: TrackedSegment]
    private let foot: [BodySide: TrackedSegment]

    static let pelvisMarkers = ["R.ASIS", "L.ASIS", "R.PSIS", "L.PSIS", "R.Iliac.Crest", "L.Iliac.Crest"]

    static func prefix(_ side: BodySide) -> String { side == .right ? "R." : "L." }

    static func thighMarkers(_ side: BodySide) -> [String] {
        ["Thigh.Top.Lateral", "Thigh.Bottom.Lateral", "Thigh.Top.Medial", "Thigh.Bottom.Medial"].map { prefix(side) + $0 }
    }

    static func shankMarkers(_ side: BodySide) -> [String] {
        ["Shank.Top.Lateral", "Shank.Bottom.Lateral", "Shank.Top.Medial", "Shank.Bottom.Medial"].map { prefix(side) + $0 }
    }

    static func footMarkers(_ side: BodySide) -> [String] {
        ["Heel.Top", "Heel.Bottom", "Heel.Lateral", "MT1", "MT5"].map { prefix(side) + $0 }
    }

    /// Calibrates every segment from the static (standing) trial.
    init(staticTrial: MarkerTrajectories) throws {
        let hips = try HipJointCentre.harrington2007(
            rightASIS: staticTrial.meanPosition("R.ASIS"), leftASIS: staticTrial.meanPosition("L.ASIS"),
            rightPSIS: staticTrial.meanPosition("R.PSIS"), leftPSIS: staticTrial.meanPosition("L.PSIS"))
        pelvis = try TrackedSegment(
            clusterMarkers: Self.pelvisMarkers, anatomicalPoints: [hips.right, hips.left], staticTrial: staticTrial)
        var thigh: [BodySide: TrackedSegment] = [:], shank: [BodySide: TrackedSegment] = [:], foot: [BodySide: TrackedSegment] = [:]
        for side in BodySide.allCases {
            let p = Self.prefix(side)
            func midpoint(_ a: String, _ b: String) throws -> Point3 {
                try (staticTrial.meanPosition(p + a) + staticTrial.meanPosition(p + b)) / 2
            }
            thigh[side] = try TrackedSegment(
                clusterMarkers: Self.thighMarkers(side), anatomicalPoints: [midpoint("Knee", "Knee.Medial")], staticTrial: staticTrial)
            shank[side] = try TrackedSegment(
                clusterMarkers: Self.shankMarkers(side), anatomicalPoints: [midpoint("Ankle", "Ankle.Medial")], staticTrial: staticTrial)
            foot[side] = try TrackedSegment(
                clusterMarkers: Self.footMarkers(side),
                anatomicalPoints: [staticTrial.meanPosition(p + "Heel.Bottom"), staticTrial.meanPosition(p + "MT2")],
                staticTrial: staticTrial)
        }
        self.thigh = thigh
        self.shank = shank
        self.foot = foot
    }

    /// The landmarks in every frame of a running trial, mm in the laboratory frame; a landmark
    /// whose segment had fewer than three markers in view is absent from that frame. Each
    /// segment's markers are first matched to the static trial's (`MarkerAssignment`), so a label
    /// swapped in the trial does not twist its segment; `remarks` says what was relabelled.
    func landmarks(in trial: MarkerTrajectories) throws -> (frames: [[BlazePoseLandmark: Point3]], remarks: [String]) {
        var remarks: [String] = []
        func trajectories(_ segment: TrackedSegment) throws -> [[Point3?]] {
            let assignment = try MarkerAssignment(cluster: segment.clusterMarkers, reference: segment.referenceCluster, trial: trial)
            if let remark = assignment.remark { remarks.append(remark) }
            return try assignment.sources.map { try trial.trajectory($0) }
        }
        let pelvisTracks = try trajectories(pelvis)
        var legTracks: [BodySide: (thigh: [[Point3?]], shank: [[Point3?]], foot: [[Point3?]], heel: [Point3?])] = [:]
        for side in BodySide.allCases {
            let footTracks = try trajectories(foot[side]!)
            let heelIndex = Self.footMarkers(side).firstIndex(of: Self.prefix(side) + "Heel.Bottom")!
            legTracks[side] = try (trajectories(thigh[side]!), trajectories(shank[side]!), footTracks, footTracks[heelIndex])
        }
        let frames = (0..<trial.frameCount).map { frame in
            var points: [BlazePoseLandmark: Point3] = [:]
            if let hips = pelvis.anatomicalPoints(frame: frame, trajectories: pelvisTracks) {
                points[.rightHip] = hips[0]
                points[.leftHip] = hips[1]
            }
            for side in BodySide.allCases {
                let leg = LegLandmarks(side), tracks = legTracks[side]!
                points[leg.knee] = thigh[side]!.anatomicalPoints(frame: frame, trajectories: tracks.thigh)?[0]
                points[leg.ankle] = shank[side]!.anatomicalPoints(frame: frame, trajectories: tracks.shank)?[0]
                let footPoints = foot[side]!.anatomicalPoints(frame: frame, trajectories: tracks.foot)
                points[leg.heel] = tracks.heel[frame] ?? footPoints?[0]
                points[leg.footIndex] = footPoints?[1]
            }
            return points
        }
        return (frames, remarks)
    }
}
