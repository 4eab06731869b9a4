extension Array {
    /// The first index whose element satisfies `belongsToSecondPart`, for a predicate that is
    /// false for a prefix of the array and true for the rest (e.g. `{ $0 > t }` over increasing
    /// times); `count` when no element does. Binary search: O(log n) predicate calls.
    public func partitioningIndex(where belongsToSecondPart: (Element) throws -> Bool) rethrows -> Int {
        var (low, high) = (0, count)
        while low < high {
            let middle = (low + high) / 2
            if try belongsToSecondPart(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
