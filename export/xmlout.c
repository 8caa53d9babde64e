/* xmlout.c - the xmlTextWriter every XML export writes through, with
 * libxml2's own error printing switched off while it works: a failed write
 * is reported once, by the exporter, as a kgraph error. */
#include "export_internal.h"

static void silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

int kg_xml_out_open(kg_xml_out *x, FILE *f)
{
    x->w = NULL;
    x->old = xmlGenericError;
    x->old_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, silent);
    xmlOutputBufferPtr out = xmlOutputBufferCreateFile(f, NULL);
    if (!out) {
        kg_xml_out_close(x);
        return kg_error_set(KG_ENOMEM, "cannot create XML output");
    }
    x->w = xmlNewTextWriter(out);
    if (!x->w) {
        xmlOutputBufferClose(out);
        kg_xml_out_close(x);
        return kg_error_set(KG_ENOMEM, "cannot create XML writer");
    }
    return KG_OK;
}

void kg_xml_out_close(kg_xml_out *x)
{
    if (x->w) {
        xmlFreeTextWriter(x->w); /* flushes: errors still go nowhere */
    }
    x->w = NULL;
    xmlSetGenericErrorFunc(x->old_ctx, x->old);
}
