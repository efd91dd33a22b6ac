// Profiler module.
