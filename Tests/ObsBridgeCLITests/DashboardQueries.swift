import Foundation

/// Finds the metric names a Grafana dashboard's PromQL expressions use.
enum DashboardQueries {
    static func metricNames(inDashboardJSON json: String) -> Set<String> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) else { return [] }
        var expressions: [String] = []
        func walk(_ node: Any) {
            if let dictionary = node as? [String: Any] {
                for (key, value) in dictionary {
                    if key == "expr" || key == "query", let text = value as? String {
                        expressions.append(text)
                    } else if key == "definition", let text = value as? String {
                        expressions.append(text)
                    } else {
                        walk(value)
                    }
                }
            } else if let array = node as? [Any] {
                array.forEach(walk)
            }
        }
        walk(object)
        var names = Set<String>()
        let pattern = try! NSRegularExpression(pattern: "obsbridge_[a-z_]+")
        for expression in expressions {
            let range = NSRange(expression.startIndex..., in: expression)
            for match in pattern.matches(in: expression, range: range) {
                if let swiftRange = Range(match.range, in: expression) { names.insert(String(expression[swiftRange])) }
            }
        }
        return names
    }
}
