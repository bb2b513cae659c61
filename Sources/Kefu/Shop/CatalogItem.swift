/// A product as the engine holds it while it suggests: a reference, so that the facts of a
/// message and the conversation's product in view share it instead of copying, and later
/// freeing, the dozen fields of a ``Product`` for every message.
final class CatalogItem: Sendable {
    /// The product.
    let product: Product

    init(_ product: Product) {
        self.product = product
    }
}
