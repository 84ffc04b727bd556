/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KM_TYPE_DOCUMENT_VIEW (km_document_view_get_type ())

G_DECLARE_FINAL_TYPE (KmDocumentView, km_document_view, KM, DOCUMENT_VIEW, GtkWidget)

GtkWidget *km_document_view_new                (void);
GFile     *km_document_view_get_file           (KmDocumentView *self);
void       km_document_view_set_file           (KmDocumentView *self,
                                                GFile          *file);
void       km_document_view_set_alt_text       (KmDocumentView *self,
                                                const char     *alt_text);
void       km_document_view_set_transcription  (KmDocumentView *self,
                                                const char     *transcription);
int        km_document_view_get_page           (KmDocumentView *self);
void       km_document_view_set_page           (KmDocumentView *self,
                                                int             page);
int        km_document_view_get_n_pages        (KmDocumentView *self);
gboolean   km_document_view_next_page          (KmDocumentView *self);
gboolean   km_document_view_previous_page      (KmDocumentView *self);
gboolean   km_document_view_get_loaded         (KmDocumentView *self);
gboolean   km_document_view_get_failed         (KmDocumentView *self);
double     km_document_view_get_zoom           (KmDocumentView *self);
void       km_document_view_set_zoom           (KmDocumentView *self,
                                                double          zoom);
void       km_document_view_zoom_in            (KmDocumentView *self);
void       km_document_view_zoom_out           (KmDocumentView *self);
double     km_document_view_get_rendered_scale (KmDocumentView *self);
void       km_document_view_focus_page         (KmDocumentView *self);

G_END_DECLS
