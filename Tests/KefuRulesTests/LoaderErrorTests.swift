import Testing

@testable import KefuRules
