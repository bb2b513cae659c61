import Testing

@testable import Kefu

/// Sizes are looked up ignoring ASCII case, byte by byte; anything else falls back to comparing
/// lowercased strings, as before.
@Suite struct SizeLookupTests {
    @Test(arguments: [
        ("XL", "xl", true), ("xl", "XL", true), ("L", "l", true), ("XL", "XXL", false), ("M", "L", false),
        ("160/84A", "160/84a", true), ("160/84A", "160/84B", false), ("@", "`", false), ("[", "{", false),
        ("均码", "均码", true), ("均码", "大码", false), ("Ä", "ä", true), ("xÄ", "XÄ", true), ("aÄ", "bÄ", false),
        ("", "", true), ("S", "", false),
    ])
    func caseInsensitiveEquals(a: String, b: String, equal: Bool) {
        #expect(a.caseInsensitiveEquals(b) == equal)
        #expect(a.caseInsensitiveEquals(b) == (a.utf8.count == b.utf8.count && a.lowercased() == b.lowercased()))
    }

    @Test func aChartRowIsFoundInAnyCase() {
        let chart = SizeChart(measurementNames: ["衣长"], rows: [
            SizeChart.Row(size: "M", measurements: ["衣长": 83]), SizeChart.Row(size: "XL", measurements: ["衣长": 89]),
        ])
        #expect(chart.row("xl")?.measurements["衣长"] == 89)
        #expect(chart.row("m")?.size == "M")
        #expect(chart.row("L") == nil)
    }
}
