// Workloads module.
