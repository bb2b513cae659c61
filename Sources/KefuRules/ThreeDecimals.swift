import Foundation

/// Three decimals, as the reports and `kefu suggest --format text` print figures.
package func format(_ value: Double) -> String {
    String(format: "%.3f", value)
}
