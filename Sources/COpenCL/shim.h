#ifndef COPENCL_SHIM_H
#define COPENCL_SHIM_H
/* PoCL 3.1 and NVIDIA both serve OpenCL 1.2 fully; pinning it avoids deprecation noise. */
#ifndef CL_TARGET_OPENCL_VERSION
#define CL_TARGET_OPENCL_VERSION 120
#endif
#include <CL/cl.h>
#include <CL/cl_ext.h>
#endif
