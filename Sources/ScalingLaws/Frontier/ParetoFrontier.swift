#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The non-dominated runs in (compute, loss) (methods.md §8.1): run j dominates run i when
/// C_j ≤ C_i and L_j ≤ L_i with one inequality strict.
public enum ParetoFrontier {
    /// Indices of the non-dominated points, in ascending compute. O(n log n).
    public static func nonDominated(flops: [Double], loss: [Double]) -> [Int] {
        let order = flops.indices.filter { flops[$0].isFinite && loss[$0].isFinite }
            .sorted { flops[$0] != flops[$1] ? flops[$0] < flops[$1] : loss[$0] < loss[$1] }
        var best = Double.infinity
        var frontier: [Int] = []
        for i in order where loss[i] < best {
            frontier.append(i)
            best = loss[i]
        }
        return frontier
    }

    /// Henighan's variant: the lower convex hull in (log C, L) of the non-dominated points
    /// (Andrew's monotone chain, lower chain only), which removes the staircase.
    public static func lowerConvexHull(flops: [Double], loss: [Double]) -> [Int] {
        let front = nonDominated(flops: flops, loss: loss)
        var hull: [Int] = []
        func cross(_ o: Int, _ a: Int, _ b: Int) -> Double {
            let ox = log(flops[o]), ax = log(flops[a]), bx = log(flops[b])
            return (ax - ox) * (loss[b] - loss[o]) - (loss[a] - loss[o]) * (bx - ox)
        }
        for i in front {
            while hull.count >= 2 && cross(hull[hull.count - 2], hull[hull.count - 1], i) <= 0 { hull.removeLast() }
            hull.append(i)
        }
        return hull
    }
}
