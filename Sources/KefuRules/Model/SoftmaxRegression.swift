import Foundation

/// L2-regularized multinomial logistic regression on a sparse design matrix, fitted by L-BFGS.
///
/// The parameters are one weight per (feature, class) and one bias per class (the last block,
/// not penalized). The objective is Σ weightᵢ · −log pᵢ(labelᵢ) + penalty/2 · ‖W‖². Everything runs
/// in one thread in a fixed order, so the same matrix gives the same solution, bit for bit.
struct SoftmaxRegression {
    let matrix: SparseRows
    let featureCount: Int
    let classCount: Int
    let penalty: Double

    /// The history L-BFGS keeps.
    static let memory = 10

    /// The parameters after `iterations` L-BFGS steps from zero (fewer if the gradient vanishes):
    /// `solution[feature * classCount + class]`, then the biases.
    func fit(iterations: Int) -> [Double] {
        let n = (featureCount + 1) * classCount
        var x = [Double](repeating: 0, count: n)
        var gradient = [Double](repeating: 0, count: n)
        var loss = evaluate(x, gradient: &gradient)
        var steps: [(s: [Double], y: [Double], rho: Double)] = []
        var direction = [Double](repeating: 0, count: n)
        var trial = [Double](repeating: 0, count: n)
        var trialGradient = [Double](repeating: 0, count: n)
        for iteration in 0..<iterations {
            // The two-loop recursion: direction = −H·gradient.
            direction = gradient
            var alphas = [Double](repeating: 0, count: steps.count)
            for k in steps.indices.reversed() {
                alphas[k] = steps[k].rho * dot(steps[k].s, direction)
                axpy(-alphas[k], steps[k].y, &direction)
            }
            if let last = steps.last {
                scale(dot(last.s, last.y) / dot(last.y, last.y), &direction)
            } else {
                scale(1 / max(1e-12, sqrt(dot(gradient, gradient))), &direction)
            }
            for k in steps.indices {
                let beta = steps[k].rho * dot(steps[k].y, direction)
                axpy(alphas[k] - beta, steps[k].s, &direction)
            }
            scale(-1, &direction)
            var slope = dot(gradient, direction)
            if slope >= 0 {  // not a descent direction: restart from the gradient
                steps.removeAll()
                direction = gradient.map { -$0 / max(1e-12, sqrt(dot(gradient, gradient))) }
                slope = dot(gradient, direction)
            }
            // Backtracking line search (Armijo).
            var step = 1.0
            var trialLoss = 0.0
            var accepted = false
            for _ in 0..<30 {
                for i in 0..<n { trial[i] = x[i] + step * direction[i] }
                trialLoss = evaluate(trial, gradient: &trialGradient)
                if trialLoss <= loss + 1e-4 * step * slope {
                    accepted = true
                    break
                }
                step *= 0.5
            }
            guard accepted else { break }
            var s = [Double](repeating: 0, count: n)
            var y = [Double](repeating: 0, count: n)
            for i in 0..<n {
                s[i] = trial[i] - x[i]
                y[i] = trialGradient[i] - gradient[i]
            }
            let sy = dot(s, y)
            if sy > 1e-12 {
                steps.append((s, y, 1 / sy))
                if steps.count > Self.memory { steps.removeFirst() }
            }
            swap(&x, &trial)
            swap(&gradient, &trialGradient)
            let improvement = loss - trialLoss
            loss = trialLoss
            if iteration > 0, improvement <= 1e-10 * max(1, abs(loss)) { break }
        }
        return x
    }

    /// The objective at `x`, and its gradient.
    func evaluate(_ x: [Double], gradient: inout [Double]) -> Double {
        let classCount = classCount
        let biasBase = featureCount * classCount
        var loss = 0.0
        for i in 0..<gradient.count { gradient[i] = 0 }
        x.withUnsafeBufferPointer { x in
            gradient.withUnsafeMutableBufferPointer { g in
                matrix.features.withUnsafeBufferPointer { features in
                    matrix.values.withUnsafeBufferPointer { values in
                        withUnsafeTemporaryAllocation(of: Double.self, capacity: classCount) { z in
                            for row in 0..<matrix.count {
                                let range = matrix.start[row]..<matrix.start[row + 1]
                                for c in 0..<classCount { z[c] = x[biasBase + c] }
                                for k in range {
                                    let base = Int(features[k]) * classCount
                                    let v = values[k]
                                    for c in 0..<classCount { z[c] += v * x[base + c] }
                                }
                                var top = z[0]
                                for c in 1..<classCount { top = max(top, z[c]) }
                                var total = 0.0
                                for c in 0..<classCount {
                                    z[c] = exp(z[c] - top)
                                    total += z[c]
                                }
                                let label = matrix.labels[row]
                                let weight = matrix.weights[row]
                                loss -= weight * log(max(z[label] / total, 1e-300))
                                for c in 0..<classCount {
                                    z[c] = weight * (z[c] / total - (c == label ? 1 : 0))
                                    g[biasBase + c] += z[c]
                                }
                                for k in range {
                                    let base = Int(features[k]) * classCount
                                    let v = values[k]
                                    for c in 0..<classCount { g[base + c] += v * z[c] }
                                }
                            }
                        }
                    }
                }
                var norm = 0.0
                for i in 0..<biasBase {
                    norm += x[i] * x[i]
                    g[i] += penalty * x[i]
                }
                loss += penalty / 2 * norm
            }
        }
        return loss
    }

    private func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }

    private func axpy(_ alpha: Double, _ a: [Double], _ b: inout [Double]) {
        for i in a.indices { b[i] += alpha * a[i] }
    }

    private func scale(_ alpha: Double, _ a: inout [Double]) {
        for i in a.indices { a[i] *= alpha }
    }
}
