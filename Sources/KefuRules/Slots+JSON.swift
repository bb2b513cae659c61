import Kefu

extension Slots {
    /// Writes the slots as a JSON object with sorted keys (the same keys as their `Codable` form).
    func write(to json: inout JSONLine) {
        json.beginObject()
        json.member("category", category)
        json.member("colour", colour)
        json.member("courier", courier)
        json.member("foot_length_cm", footLength)
        json.member("height_cm", height)
        json.member("material", material)
        json.member("money_yuan", money)
        json.member("order_number", orderNumber)
        json.member("quantity", quantity)
        json.member("region", region)
        json.member("shoe_size", shoeSize)
        json.member("size", size)
        json.member("weight_jin", weight)
        json.endObject()
    }
}
