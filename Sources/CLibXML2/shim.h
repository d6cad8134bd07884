#ifndef TOLLGATE_CLIBXML2_SHIM_H
#define TOLLGATE_CLIBXML2_SHIM_H
// Debian's libxml2 is built with ICU; its encoding.h then includes <unicode/ucnv.h>, whose
// types clash with Foundation's own ICU module on a clean build. Tollgate never asks libxml2
// for ICU conversions, so the feature macro is dropped before any other header sees it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlreader.h>
#endif
