extension RuleSet {
    /// Suggests replies and products for a message, in a conversation's context.
    ///
    /// Pure: the same message, product and state give the same suggestion and next state. Keep the
    /// state per conversation (``ConversationStore`` does, bounded) and pass it back next time.
    ///
    /// ```swift
    /// let (suggestion, state) = rules.suggest("这件背心L号的多长？", product: "vest-cotton-01")
    /// suggestion.replies.first?.text   // "亲，这款纯棉宽松背心L码衣长87cm…"
    /// let (followUp, _) = rules.suggest("那XL呢", state: state)   // still a size question, about XL
    /// ```
    /// - Parameters:
    ///   - message: The text as the shopper typed it.
    ///   - product: The id of the product in view, if any (unknown ids are ignored; check with ``Catalog/product(id:)``).
    ///   - state: The conversation so far, or `nil` for a first message.
    ///   - limits: How many replies and products to return.
    ///   - time: The current time in seconds (for the state's idle time).
    /// - Returns: The suggestion and the conversation's next state.
    public func suggest(
        _ message: String, product: String? = nil, state: ConversationState? = nil,
        limits: SuggestionLimits = SuggestionLimits(), time: Double = 0
    ) -> (Suggestion, ConversationState) {
        let analysis = analyze(message)
        var next = state ?? ConversationState()
        next.lastUsed = time
        var inView = product.flatMap(catalog.item(id:))
        let productID = inView != nil ? product : next.productID
        if inView == nil { inView = productID.flatMap(catalog.item(id:)) }

        // Context: a message with slots but no intent continues the last intent (「那L呢」).
        var intents = analysis.intents
        if intents.isEmpty, let last = next.lastIntent, !analysis.slots.isEmpty, analysis.tokens.count <= 6 {
            intents = [IntentMatch(id: last, score: 0.6, evidence: [])]
        }
        var slots = analysis.slots
        slots.fillBody(from: next.slots)
        if intents.contains(where: { $0.id == "discount" }) { next.discountTurns += 1 }

        var advice: SizeAdvisor.Advice?
        if let chart = inView?.product.sizeChart, slots.height != nil || slots.weight != nil || slots.footLength != nil {
            advice = SizeAdvisor().advise(chart: chart, height: slots.height, weight: slots.weight,
                                          footLength: slots.footLength)
        }
        var facts = FactSheet(rules: self, item: inView, slots: slots, advice: advice)
        let replies = rankReplies(intents, facts: &facts, bargainTurn: next.discountTurns, limit: limits.replies)
        var products: [ProductSuggestion] = []
        let wantsProducts = intents.contains { $0.id == "recommendation" }
            || (intents.first?.id == "stock" && inView != nil && facts.askedSize != nil
                && inView?.product.stockCount(size: facts.askedSize, colour: slots.colour) == 0)
        if wantsProducts || (advice?.size == nil && advice != nil) {
            products = Recommender(catalog: catalog).recommend(
                slots: slots, size: facts.askedSize, excluding: wantsProducts && intents.first?.id == "recommendation" ? nil : productID,
                category: inView?.product.category, limit: limits.products)
        }
        next.productID = productID
        next.lastIntent = intents.first?.id ?? next.lastIntent
        next.slots.merge(slots)
        let suggestion = Suggestion(analysis: analysis, intents: intents, slots: slots, replies: replies,
                                    products: products, productID: productID)
        return (suggestion, next)
    }

    private func rankReplies(_ intents: [IntentMatch], facts: inout FactSheet, bargainTurn: Int, limit: Int)
        -> [ReplySuggestion]
    {
        // No more replies than the rule set has (a huge --top must not size the buffers below).
        let limit = min(limit, replyPlans.count)
        guard limit > 0 else { return [] }
        // The candidates live on the stack: a few dozen bytes a message, not worth a malloc. One
        // buffer (a second, nested, made the compiler copy the fact sheet): `intents.count * limit`
        // candidates, then `limit` slots whose scores are the highest found so far, highest first.
        let capacity = intents.count * limit
        return withUnsafeTemporaryAllocation(of: (reply: Int, intent: Int, score: Double).self,
                                             capacity: capacity + limit) { buffer in
            let found = UnsafeMutableBufferPointer(rebasing: buffer[0..<capacity])
            let best = UnsafeMutableBufferPointer(rebasing: buffer[capacity...])
            // Once `limit` replies are found, one scoring below the lowest of the best can never be
            // returned, nor can the rest of its intent's (they come in priority order, so they
            // score no higher): their conditions and facts are not looked at. Equal scores are
            // still looked at, since the reply id breaks ties. The replies returned are the same.
            var bestCount = 0
            var count = 0
            for (rank, intent) in intents.enumerated() {
                var perIntent = 0
                for index in replies(for: intent.id) {
                    let plan = replyPlans[index]
                    // Best intent first; within an intent, higher priority first.
                    let score = (intent.score * plan.priorityFactor * (rank == 0 ? 1 : 0.9) * 1000).rounded() / 1000
                    if bestCount == limit, score < best[limit - 1].score { break }
                    guard holds(plan, facts: &facts, bargainTurn: bargainTurn), plan.canFill(from: &facts) else { continue }
                    found.initializeElement(at: count, to: (index, rank, score))
                    count += 1
                    // Insert `score` among the best, keeping at most `limit`.
                    var at = min(bestCount, limit - 1)
                    if bestCount < limit || score > best[at].score {
                        while at > 0, best[at - 1].score < score {
                            best[at] = best[at - 1]
                            at -= 1
                        }
                        best[at] = (index, rank, score)
                        bestCount = min(bestCount + 1, limit)
                    }
                    perIntent += 1
                    if perIntent == limit { break }
                }
            }
            var candidates = UnsafeMutableBufferPointer(rebasing: found[0..<count])
            if count > 1 {
                candidates.sort {
                    $0.score != $1.score ? $0.score > $1.score : replyPlans[$0.reply].id < replyPlans[$1.reply].id
                }
            }
            // Texts and reasons are written for the replies that are returned only.
            var result: [ReplySuggestion] = []
            result.reserveCapacity(min(limit, count))
            for candidate in candidates.prefix(limit) {
                let plan = replyPlans[candidate.reply]
                let intent = intents[candidate.intent]
                guard let text = plan.fill(from: &facts) else { continue }  // canFill said it would
                result.append(ReplySuggestion(
                    id: plan.id, intent: intent.id, text: text, score: candidate.score,
                    because: because(plan, intent: intent, askedSize: facts.askedSize, bargainTurn: bargainTurn)))
            }
            return result
        }
    }

    /// Why a reply was offered: `"size 0.96; category 背心, L in stock; facts: chart.衣长"`.
    ///
    /// Reads the plan's parts and conditions in place: a local copy of either retained and
    /// released each of its strings.
    private func because(_ plan: ReplyPlan, intent: IntentMatch, askedSize: String?, bargainTurn: Int) -> String {
        let score = Fact.number((intent.score * 100).rounded() / 100)
        // A reply is offered for its own intent, whose id was written into `head` once.
        var text = intent.id == plan.intent ? plan.because.head : intent.id + " "
        // The reply's fixed reasons were written once; most replies need only the score between.
        guard plan.conditions.inStock != nil || plan.conditions.freeShipping != nil || plan.conditions.bargainTurn != nil
        else {
            text.reserveCapacity(text.utf8.count + score.utf8.count + plan.because.tail.utf8.count)
            text += score
            text += plan.because.tail
            return text
        }
        text.reserveCapacity(48 + text.utf8.count + plan.because.tail.utf8.count)
        text += score
        text += plan.because.reasons
        // Each reason after "; ", the next ones after ", " (no local function: one that captured
        // `text` would have its accesses checked at run time).
        var reasons = (plan.conditions.category == nil ? 0 : 1) + (plan.conditions.material == nil ? 0 : 1)
        if let inStock = plan.conditions.inStock, let size = askedSize {
            text += reasons == 0 ? "; " : ", "
            text += size
            text += inStock ? " in stock" : " out of stock"
            reasons += 1
        }
        if let free = plan.conditions.freeShipping {
            text += reasons == 0 ? "; " : ", "
            text += free ? "free shipping" : "region excluded from free shipping"
            reasons += 1
        }
        if plan.conditions.bargainTurn != nil {
            text += reasons == 0 ? "; discount request #" : ", discount request #"
            text += String(bargainTurn)
        }
        text += plan.factsNote
        return text
    }

    /// Whether every condition of a reply holds.
    private func holds(_ plan: ReplyPlan, facts: inout FactSheet, bargainTurn: Int) -> Bool {
        for key in plan.has {
            guard let key, let value = facts.value(key), !value.isEmpty else { return false }
        }
        for case let key? in plan.missing where facts.value(key) != nil { return false }
        if let category = plan.conditions.category {
            guard let item = facts.item, item.product.category.hasSameUTF8(as: category) else { return false }
        }
        if let material = plan.conditions.material {
            guard let item = facts.item, item.product.materials.contains(where: { $0.hasSameUTF8(as: material) }) else {
                return false
            }
        }
        if let inStock = plan.conditions.inStock {
            guard let item = facts.item, let size = facts.askedSize else { return false }
            guard (item.product.stockCount(size: size, colour: facts.slots.colour) > 0) == inStock else { return false }
        }
        if let free = plan.conditions.freeShipping, shop.shipsFree(to: facts.slots.region) != free { return false }
        if let turn = plan.conditions.bargainTurn {
            guard bargainTurn == turn || (turn == lastBargainTurn && bargainTurn > turn) else { return false }
        }
        return true
    }
}

extension Slots {
    /// Keeps body measurements from earlier messages when this one has none.
    mutating func fillBody(from earlier: Slots) {
        if height == nil { height = earlier.height }
        if weight == nil { weight = earlier.weight }
        if footLength == nil { footLength = earlier.footLength }
        if region == nil { region = earlier.region }
    }

    /// Takes every slot this message has, keeping the earlier ones it does not.
    mutating func merge(_ newer: Slots) {
        size = newer.size ?? size
        shoeSize = newer.shoeSize ?? shoeSize
        footLength = newer.footLength ?? footLength
        height = newer.height ?? height
        weight = newer.weight ?? weight
        quantity = newer.quantity ?? quantity
        money = newer.money ?? money
        courier = newer.courier ?? courier
        orderNumber = newer.orderNumber ?? orderNumber
        region = newer.region ?? region
        category = newer.category ?? category
        material = newer.material ?? material
        colour = newer.colour ?? colour
    }
}
