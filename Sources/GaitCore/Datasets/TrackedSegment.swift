/// A body segment followed by a cluster of skin markers, carrying anatomical points that were
/// located in a standing (static) trial: the calibrated anatomical systems technique (CAST;
/// Cappozzo A, Catani F, Della Croce U, Leardini A, "Position and orientation in space of bones
/// during movement: anatomical frame definition and determination", Clin Biomech 10:171-178, 1995).
///
/// The static trial's cluster is the reference configuration. In each moving frame the cluster
/// markers that were seen are fitted to it with `RigidBodyFit`, and the same transform carries the
/// anatomical points along, so an anatomical marker removed after the static trial (a malleolus, a
/// femoral epicondyle) is rebuilt in every running frame.
struct TrackedSegment {
    /// Names of the cluster markers.
    let clusterMarkers: [String]
    /// Cluster marker positions in the static trial, mm (same order as `clusterMarkers`).
    let referenceCluster: [Point3]
    /// Anatomical points in the static trial, mm.
    let referencePoints: [Point3]

    /// Calibrates the segment: the cluster markers' and the given anatomical points' mean static
    /// positions.
    init(clusterMarkers: [String], anatomicalPoints: [Point3], staticTrial: MarkerTrajectories) throws {
        self.clusterMarkers = clusterMarkers
        referenceCluster = try clusterMarkers.map { try staticTrial.meanPosition($0) }
        referencePoints = anatomicalPoints
    }

    /// The anatomical points in frame `frame` of `trial` (mm), or `nil` when fewer than three
    /// cluster markers were seen in that frame.
    func anatomicalPoints(frame: Int, trajectories: [[Point3?]]) -> [Point3]? {
        var reference: [Point3] = [], moved: [Point3] = []
        for (index, trajectory) in trajectories.enumerated() {
            guard let position = trajectory[frame] else { continue }
            reference.append(referenceCluster[index])
            moved.append(position)
        }
        guard let transform = RigidBodyFit.fit(reference: reference, moved: moved) else { return nil }
        return referencePoints.map(transform.apply)
    }
}
