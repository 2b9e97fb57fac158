/* libgit2, loaded when a command first needs git. Linking it would load libgit2 and the two
 * dozen libraries it brings (TLS, SSH, Kerberos, pcre) into every process, about 5 ms of
 * start-up, paid even by a read the index answers alone. So the program is not linked with
 * it: every libgit2 function coboard calls is reached through this table, which the first
 * call fills with dlopen. A libgit2 function new to coboard goes in GIT_API below (the link
 * fails with "undefined reference" until it does). */
#ifndef COBOARD_GIT_API_H
#define COBOARD_GIT_API_H

#ifdef COBOARD_FRONT_END
#error "git_api.h is the model's own: a front end reaches the board through session.h and the services"
#endif

#include <git2.h>
#include <git2/sys/repository.h>

#define GIT_API(X) \
	X(git_blob_create_from_buffer) \
	X(git_blob_free) \
	X(git_blob_lookup) \
	X(git_blob_rawcontent) \
	X(git_blob_rawsize) \
	X(git_buf_dispose) \
	X(git_commit_author) \
	X(git_commit_create) \
	X(git_commit_free) \
	X(git_commit_lookup) \
	X(git_commit_message) \
	X(git_commit_parent) \
	X(git_commit_parent_id) \
	X(git_commit_parentcount) \
	X(git_commit_summary) \
	X(git_commit_time) \
	X(git_commit_tree) \
	X(git_config_foreach) \
	X(git_config_free) \
	X(git_config_get_string_buf) \
	X(git_config_iterator_free) \
	X(git_config_iterator_new) \
	X(git_config_next) \
	X(git_config_parse_bool) \
	X(git_config_set_string) \
	X(git_diff_free) \
	X(git_diff_print) \
	X(git_diff_tree_to_tree) \
	X(git_error_last) \
	X(git_graph_descendant_of) \
	X(git_libgit2_init) \
	X(git_libgit2_opts) \
	X(git_libgit2_shutdown) \
	X(git_merge_bases) \
	X(git_object_free) \
	X(git_object_id) \
	X(git_object_lookup) \
	X(git_object_peel) \
	X(git_odb_add_disk_alternate) \
	X(git_odb_exists) \
	X(git_odb_free) \
	X(git_odb_open) \
	X(git_odb_read_header) \
	X(git_oidarray_dispose) \
	X(git_reference_create_matching) \
	X(git_reference_free) \
	X(git_reference_name_to_id) \
	X(git_repository_config) \
	X(git_repository_config_snapshot) \
	X(git_repository_free) \
	X(git_repository_init_ext) \
	X(git_repository_odb) \
	X(git_repository_open_bare) \
	X(git_repository_path) \
	X(git_repository_set_odb) \
	X(git_revparse_single) \
	X(git_revwalk_free) \
	X(git_revwalk_hide) \
	X(git_revwalk_new) \
	X(git_revwalk_next) \
	X(git_revwalk_push) \
	X(git_revwalk_sorting) \
	X(git_signature_free) \
	X(git_signature_new) \
	X(git_signature_now) \
	X(git_tag_create_lightweight) \
	X(git_tree_create_updated) \
	X(git_tree_entry_byindex) \
	X(git_tree_entry_byname) \
	X(git_tree_entry_bypath) \
	X(git_tree_entry_free) \
	X(git_tree_entry_id) \
	X(git_tree_entry_name) \
	X(git_tree_entry_type) \
	X(git_tree_entrycount) \
	X(git_tree_free) \
	X(git_tree_id) \
	X(git_tree_lookup) \
	X(git_treebuilder_free) \
	X(git_treebuilder_new) \
	X(git_treebuilder_write)

struct git_api {
#define GIT_API_POINTER(name) __typeof__(name) *name;
	GIT_API(GIT_API_POINTER)
#undef GIT_API_POINTER
};

/* Loads libgit2 and fills the table, once: 0, or -1 with the reason and the way out. */
struct cb_error;
int git_api_load(struct cb_error *err);
/* The table, libgit2 loaded and initialised on the first call. A call into libgit2 has no
 * error to give back, so a libgit2 that cannot be loaded there goes to the handler the front
 * end set, with the reason; the handler ends the process (its own way: the app gives the
 * terminal back first). A front end that must not end there asks first (session_need_git). */
const struct git_api *git_api(void);
void git_api_when_missing(void (*handler)(const char *why));
/* Whether libgit2 was loaded (and so must be shut down). */
int git_api_loaded(void);
/* From now on every object read is hashed and checked against its id (for fsck). */
void git_api_verify_reads(void);

/* An object id's bytes and hex digits need no library: these five stand in for libgit2's,
 * so comparing the index's commit with the branch's loads nothing. */
static inline int coboard_oid_fromstr(git_oid *out, const char *hex)
{
	for (int i = 0; i < GIT_OID_HEXSZ; i++) {
		int c = hex[i], v = c >= '0' && c <= '9'   ? c - '0'
				    : c >= 'a' && c <= 'f' ? c - 'a' + 10
				    : c >= 'A' && c <= 'F' ? c - 'A' + 10
							   : -1;
		if (v < 0)
			return -1;
		out->id[i / 2] = (unsigned char)(i % 2 ? (out->id[i / 2] << 4) | v : v);
	}
	return 0;
}

static inline char *coboard_oid_tostr(char *out, size_t n, const git_oid *id)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	if (!out || n == 0)
		return out;
	for (i = 0; i + 1 < n && i < GIT_OID_HEXSZ; i++)
		out[i] = digits[(id->id[i / 2] >> (i % 2 ? 0 : 4)) & 0xf];
	out[i] = '\0';
	return out;
}

static inline int coboard_oid_equal(const git_oid *a, const git_oid *b)
{
	for (int i = 0; i < GIT_OID_RAWSZ; i++)
		if (a->id[i] != b->id[i])
			return 0;
	return 1;
}

static inline int coboard_oid_cpy(git_oid *out, const git_oid *src)
{
	*out = *src;
	return 0;
}

static inline int coboard_oid_is_zero(const git_oid *id)
{
	for (int i = 0; i < GIT_OID_RAWSZ; i++)
		if (id->id[i])
			return 0;
	return 1;
}

#ifndef GIT_API_DEFINITIONS
#define git_oid_fromstr coboard_oid_fromstr
#define git_oid_tostr coboard_oid_tostr
#define git_oid_equal coboard_oid_equal
#define git_oid_cpy coboard_oid_cpy
#define git_oid_is_zero coboard_oid_is_zero
#define git_blob_create_from_buffer (git_api()->git_blob_create_from_buffer)
#define git_blob_free (git_api()->git_blob_free)
#define git_blob_lookup (git_api()->git_blob_lookup)
#define git_blob_rawcontent (git_api()->git_blob_rawcontent)
#define git_blob_rawsize (git_api()->git_blob_rawsize)
#define git_buf_dispose (git_api()->git_buf_dispose)
#define git_commit_author (git_api()->git_commit_author)
#define git_commit_create (git_api()->git_commit_create)
#define git_commit_free (git_api()->git_commit_free)
#define git_commit_lookup (git_api()->git_commit_lookup)
#define git_commit_message (git_api()->git_commit_message)
#define git_commit_parent (git_api()->git_commit_parent)
#define git_commit_parent_id (git_api()->git_commit_parent_id)
#define git_commit_parentcount (git_api()->git_commit_parentcount)
#define git_commit_summary (git_api()->git_commit_summary)
#define git_commit_time (git_api()->git_commit_time)
#define git_commit_tree (git_api()->git_commit_tree)
#define git_config_foreach (git_api()->git_config_foreach)
#define git_config_free (git_api()->git_config_free)
#define git_config_get_string_buf (git_api()->git_config_get_string_buf)
#define git_config_iterator_free (git_api()->git_config_iterator_free)
#define git_config_iterator_new (git_api()->git_config_iterator_new)
#define git_config_next (git_api()->git_config_next)
#define git_config_parse_bool (git_api()->git_config_parse_bool)
#define git_config_set_string (git_api()->git_config_set_string)
#define git_diff_free (git_api()->git_diff_free)
#define git_diff_print (git_api()->git_diff_print)
#define git_diff_tree_to_tree (git_api()->git_diff_tree_to_tree)
#define git_error_last (git_api()->git_error_last)
#define git_graph_descendant_of (git_api()->git_graph_descendant_of)
#define git_libgit2_init (git_api()->git_libgit2_init)
#define git_libgit2_opts (git_api()->git_libgit2_opts)
#define git_libgit2_shutdown (git_api()->git_libgit2_shutdown)
#define git_merge_bases (git_api()->git_merge_bases)
#define git_object_free (git_api()->git_object_free)
#define git_object_id (git_api()->git_object_id)
#define git_object_lookup (git_api()->git_object_lookup)
#define git_object_peel (git_api()->git_object_peel)
#define git_odb_add_disk_alternate (git_api()->git_odb_add_disk_alternate)
#define git_odb_exists (git_api()->git_odb_exists)
#define git_odb_free (git_api()->git_odb_free)
#define git_odb_open (git_api()->git_odb_open)
#define git_odb_read_header (git_api()->git_odb_read_header)
#define git_oidarray_dispose (git_api()->git_oidarray_dispose)
#define git_reference_create_matching (git_api()->git_reference_create_matching)
#define git_reference_free (git_api()->git_reference_free)
#define git_reference_name_to_id (git_api()->git_reference_name_to_id)
#define git_repository_config (git_api()->git_repository_config)
#define git_repository_config_snapshot (git_api()->git_repository_config_snapshot)
#define git_repository_free (git_api()->git_repository_free)
#define git_repository_init_ext (git_api()->git_repository_init_ext)
#define git_repository_odb (git_api()->git_repository_odb)
#define git_repository_open_bare (git_api()->git_repository_open_bare)
#define git_repository_path (git_api()->git_repository_path)
#define git_repository_set_odb (git_api()->git_repository_set_odb)
#define git_revparse_single (git_api()->git_revparse_single)
#define git_revwalk_free (git_api()->git_revwalk_free)
#define git_revwalk_hide (git_api()->git_revwalk_hide)
#define git_revwalk_new (git_api()->git_revwalk_new)
#define git_revwalk_next (git_api()->git_revwalk_next)
#define git_revwalk_push (git_api()->git_revwalk_push)
#define git_revwalk_sorting (git_api()->git_revwalk_sorting)
#define git_signature_free (git_api()->git_signature_free)
#define git_signature_new (git_api()->git_signature_new)
#define git_signature_now (git_api()->git_signature_now)
#define git_tag_create_lightweight (git_api()->git_tag_create_lightweight)
#define git_tree_create_updated (git_api()->git_tree_create_updated)
#define git_tree_entry_byindex (git_api()->git_tree_entry_byindex)
#define git_tree_entry_byname (git_api()->git_tree_entry_byname)
#define git_tree_entry_bypath (git_api()->git_tree_entry_bypath)
#define git_tree_entry_free (git_api()->git_tree_entry_free)
#define git_tree_entry_id (git_api()->git_tree_entry_id)
#define git_tree_entry_name (git_api()->git_tree_entry_name)
#define git_tree_entry_type (git_api()->git_tree_entry_type)
#define git_tree_entrycount (git_api()->git_tree_entrycount)
#define git_tree_free (git_api()->git_tree_free)
#define git_tree_id (git_api()->git_tree_id)
#define git_tree_lookup (git_api()->git_tree_lookup)
#define git_treebuilder_free (git_api()->git_treebuilder_free)
#define git_treebuilder_new (git_api()->git_treebuilder_new)
#define git_treebuilder_write (git_api()->git_treebuilder_write)
#endif

#endif
