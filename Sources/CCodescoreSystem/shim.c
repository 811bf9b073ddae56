// The module's functions are static inline in include/CCodescoreSystem.h; SwiftPM needs one source file.
#include "CCodescoreSystem.h"
