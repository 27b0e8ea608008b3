// `import ObsBridge` also brings the collector's Swift vocabulary (TraceContext, Sanitizer,
// Collector, ...), which the bridge's API speaks. The C module is not re-exported: a program names
// the C types through its own library's C module, whose header includes obsbridge.h.
@_exported import ObsCollector
