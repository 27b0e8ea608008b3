/// The report's style sheet: system fonts only, nothing fetched; grids and wrapping so that no
/// line runs past the window at any width from a phone's 375 px up.
enum ReportStyle {
    static let css = """
        :root{--fg:#1f2328;--muted:#59636e;--line:#d8dee4;--card:#f6f8fa;--swift:#2f6fde;--rust:#d9641e;
        --child:#e3a01b;--bad:#c62828;--bar:#6e7781}
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
        color:var(--fg);background:#fff}
        main{max-width:1200px;margin:0 auto;padding:16px}
        h1{font-size:22px;margin:4px 0 8px}
        h2{font-size:18px;margin:28px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
        h3{font-size:15px;margin:18px 0 8px}
        p{margin:6px 0}
        code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;overflow-wrap:anywhere}
        .meta,.note{color:var(--muted);overflow-wrap:anywhere}
        .warn{background:#fff8e6;border:1px solid #e7c36b;border-radius:6px;padding:8px 10px;overflow-wrap:anywhere}
        table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
        th,td{padding:4px 6px;border-bottom:1px solid var(--line);text-align:right;vertical-align:top}
        th{font-weight:600;background:var(--card)}
        th.name,td.name,td.message,th.message{text-align:left;overflow-wrap:anywhere}
        td.message{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,380px),1fr));gap:12px}
        figure{margin:0;min-width:0;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px}
        figcaption{font-weight:600;overflow-wrap:anywhere}
        figcaption span{font-weight:400;color:var(--muted)}
        svg{display:block;width:100%;height:auto;font-size:14px}
        svg text{fill:var(--fg)}
        svg .axis,svg .tick{stroke:var(--muted)}
        svg .bar{fill:var(--bar)}
        svg .plot{fill:#fff;stroke:var(--line)}
        svg line.q50{stroke:#1a7f37;stroke-dasharray:3 2} svg text.q50{fill:#1a7f37}
        svg line.q90{stroke:#9a6700;stroke-dasharray:3 2} svg text.q90{fill:#9a6700}
        svg line.q99{stroke:var(--bad);stroke-dasharray:3 2} svg text.q99{fill:var(--bad)}
        .legend span{display:inline-block;margin-right:14px}
        .swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:baseline}
        .wf{border:1px solid var(--line);border-radius:8px;padding:8px 10px;margin:0 0 14px;background:var(--card);
        min-width:0}
        .wf-title{overflow-wrap:anywhere}
        .wf-row{display:grid;grid-template-columns:minmax(0,38%) minmax(0,1fr);gap:8px;align-items:center;
        padding:2px 0;border-top:1px solid #eaeef2}
        .wf-label{font-size:13px;overflow-wrap:anywhere;min-width:0}
        .wf-track{position:relative;height:14px;background:#fff;border:1px solid #eaeef2;border-radius:2px}
        .wf-bar{position:absolute;top:1px;bottom:1px;border-radius:2px;min-width:2px}
        .swift{background:var(--swift)} .rust{background:var(--rust)} .child{background:var(--child)}
        .other{background:var(--bar)}
        .wf-bar.failed{box-shadow:0 0 0 2px var(--bad)}
        .bad{color:var(--bad);font-weight:600}
        footer{margin:32px 0 8px;color:var(--muted);font-size:12px}
        @media (max-width:640px){
        main{padding:8px}
        h1{font-size:19px}
        table{font-size:12px}
        th,td{padding:3px 3px}
        .wide-only{display:none}
        .wf-row{grid-template-columns:minmax(0,1fr)}
        #errors thead{display:none}
        #errors tr{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr) auto;border-bottom:1px solid var(--line)}
        #errors td{border:0}
        #errors td.message{grid-column:1/-1;padding-bottom:6px}
        }
        """
}
