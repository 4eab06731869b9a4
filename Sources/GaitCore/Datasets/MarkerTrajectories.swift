/// 3-D marker positions over time, read from a table whose columns are `Time` and then
/// `<marker>X`, `<marker>Y`, `<marker>Z` (millimetres), as in the Fukuchi 2017 dataset.
struct MarkerTrajectories {
    /// Frame times from the `Time` column, seconds.
    let times: [Double]
    /// Marker name → one position per frame, `nil` where the marker was lost.
    let positions: [String: [Point3?]]
    /// The file the trajectories came from, for error messages.
    let path: String

    init(table: TabSeparatedTable) throws {
        times = try table.column("Time")
        var positions: [String: [Point3?]] = [:]
        for name in table.columns where name.hasSuffix("X") {
            let marker = String(name.dropLast())
            guard let yIndex = table.columns.firstIndex(of: marker + "Y"),
                let zIndex = table.columns.firstIndex(of: marker + "Z")
            else { continue }
            let xIndex = try table.columnIndex(name)
            positions[marker] = table.rows.map { row in
                let p = Point3(row[xIndex], row[yIndex], row[zIndex])
                return p.x.isFinite && p.y.isFinite && p.z.isFinite ? p : nil
            }
        }
        self.positions = positions
        path = table.path
    }

    var frameCount: Int { times.count }

    /// The trajectory of `marker`, or an error naming the file and the marker.
    func trajectory(_ marker: String) throws -> [Point3?] {
        guard let trajectory = positions[marker] else {
            throw GaitCoreError.unreadableFile(path: path, reason: "it has no marker \(marker) (columns \(marker)X, \(marker)Y, \(marker)Z)")
        }
        return trajectory
    }

    /// The mean position of `marker` over the frames where it was seen (a standing trial's
    /// reference position), or an error when it was never seen.
    func meanPosition(_ marker: String) throws -> Point3 {
        let seen = try trajectory(marker).compactMap { $0 }
        guard !seen.isEmpty else {
            throw GaitCoreError.unreadableFile(path: path, reason: "marker \(marker) is missing in every frame")
        }
        return seen.reduce(Point3(), +) / Double(seen.count)
    }
}
