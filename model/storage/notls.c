/* coboard never talks to a network, but Debian's libgit2 (built with mbedTLS) parses the
 * system's whole CA bundle inside git_libgit2_init: about 50 million instructions, 10 ms or
 * more, paid by every command. A definition in the program takes precedence over
 * libmbedx509's for libgit2's call, so that parse is skipped. Were TLS ever used, no CA
 * would be loaded and certificate checks would fail closed, never open. On a libgit2 built
 * with another TLS library this function is simply never called. */
int mbedtls_x509_crt_parse_file(void *chain, const char *path);

int mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}
