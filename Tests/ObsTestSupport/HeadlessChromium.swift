package import Foundation

/// Drives Debian's `chromium` headless for the report's browser tests: screenshots, the DOM after
/// load, the console messages the page logged, and the network requests the page made (from
/// Chromium's NetLog; requests the browser makes for itself are told apart by their initiator).
package enum HeadlessChromium {
    /// The browser, when installed (`scripts/install-test-tools.sh` installs it).
    package static let executable: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// What one run of the browser left.
    package struct Run {
        /// Standard output (the DOM, for `--dump-dom`).
        package var output: String
        /// The console messages the page logged (Chromium's `CONSOLE` log lines).
        package var consoleMessages: [String]
        /// URLs the page asked the network for.
        package var pageRequests: [String]
        package var status: Int32
        package var standardError: String
    }

    /// Loads `file` in a window of `width` × `height` CSS pixels, with `extra` arguments
    /// (`--dump-dom`, `--screenshot=PATH`), in a fresh profile, bounded by a 45 s timeout.
    package static func load(_ file: URL, width: Int, height: Int, _ extra: [String]) throws -> Run {
        guard let executable else { throw CocoaError(.fileNoSuchFile) }
        let scratch = try CommandRunner.temporaryDirectory()
        let netLog = scratch.appendingPathComponent("netlog.json").path
        let result = try CommandRunner.run(
            "timeout",
            [
                "45", executable, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions",
                "--user-data-dir=" + scratch.appendingPathComponent("profile").path,
                "--enable-logging=stderr", "--v=0", "--log-net-log=" + netLog, "--virtual-time-budget=5000",
                "--window-size=\(width),\(height)",
            ] + extra + [file.absoluteString])
        let console = result.standardError.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return Run(
            output: result.standardOutput, consoleMessages: console, pageRequests: pageRequests(netLogAt: netLog),
            status: result.status, standardError: result.standardError)
    }

    /// The URLs of requests that a page started: NetLog `URL_REQUEST_START_JOB` events whose
    /// initiator is an origin (the browser's own requests have "not an origin").
    package static func pageRequests(netLogAt path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path),
            let log = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            let types = (log["constants"] as? [String: Any])?["logEventTypes"] as? [String: Int],
            let start = types["URL_REQUEST_START_JOB"], let events = log["events"] as? [[String: Any]]
        else { return ["(no NetLog was written)"] }
        return events.compactMap { event in
            guard event["type"] as? Int == start, let parameters = event["params"] as? [String: Any],
                let url = parameters["url"] as? String, parameters["initiator"] as? String != "not an origin"
            else { return nil }
            return url
        }
    }

    /// A page that shows `html` in frames of the given widths and, once loaded, writes on its
    /// `body` for each frame `data-scroll-width-W`, `data-client-width-W` and `data-wide-W`
    /// (elements whose right edge passes the frame's width). A frame is a real viewport: the
    /// page's media queries see its width (a headless window cannot be narrower than 500 px).
    package static func widthHarness(for html: String, widths: [Int]) -> String {
        let escaped = html.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        var page =
            "<!doctype html><html><head><meta charset=\"utf-8\"><style>body{margin:0}iframe{border:0;display:block}</style></head><body>"
        for width in widths {
            page += "<iframe id=\"w\(width)\" width=\"\(width)\" height=\"3000\" srcdoc=\"\(escaped)\"></iframe>"
        }
        page += """
            <script>
            window.addEventListener("load", function () {
              document.querySelectorAll("iframe").forEach(function (frame) {
                var width = frame.id.slice(1), doc = frame.contentDocument, root = doc.documentElement, wide = [];
                doc.querySelectorAll("body *").forEach(function (node) {
                  var box = node.getBoundingClientRect();
                  if (box.width > 0 && box.right > root.clientWidth + 0.5) { wide.push(node.tagName + "." + node.className); }
                });
                document.body.setAttribute("data-scroll-width-" + width, root.scrollWidth);
                document.body.setAttribute("data-client-width-" + width, root.clientWidth);
                document.body.setAttribute("data-wide-" + width, wide.slice(0, 8).join(" "));
              });
            });
            </script></body></html>
            """
        return page
    }

    /// The width and height of a PNG file, from its header.
    package static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
        func number(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (number(16), number(20))
    }
}
