package dumper.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceDatabaseTest {

    private static String masked(String url) {
        return PrintableUrl.of(url).text();
    }

    @Test
    void a_password_in_the_url_is_masked_wherever_connector_j_accepts_one() {
        assertThat(masked("jdbc:mysql://db:3306/x?user=app&password=S3cret&useSSL=false"))
                .isEqualTo("jdbc:mysql://db:3306/x?user=app&password=***&useSSL=false");
        assertThat(masked("jdbc:mysql://app:S3cret@db:3306/x"))
                .isEqualTo("jdbc:mysql://app:***@db:3306/x");
        assertThat(masked("jdbc:mysql://(host=db,user=app,PASSWORD=S3cret)/x"))
                .doesNotContain("S3cret").contains("host=db").contains("=***");
        assertThat(masked("jdbc:mysql://db:3306/x?user=app"))
                .isEqualTo("jdbc:mysql://db:3306/x?user=app");
        assertThat(masked("jdbc:mysql://u:p1@h1,u2:p2@h2:3307/x")).isEqualTo("jdbc:mysql://u:***@h1,u2:***@h2:3307/x");
    }

    @Test
    void spellings_that_patterns_miss_are_masked_by_parsing() {
        // Connector/J splits the query on & only: the password is "a;b", all of it.
        assertThat(masked("jdbc:mysql://db/x?password=a;b&useSSL=false")).isEqualTo("jdbc:mysql://db/x?password=***&useSSL=false");
        assertThat(masked("jdbc:mysql://db/x?password1=first&password2=second&Password3=third"))
                .isEqualTo("jdbc:mysql://db/x?password1=***&password2=***&Password3=***");
        assertThat(masked("jdbc:mysql://address=(host=db)(port=3306)(password=S3cret)/x")).doesNotContain("S3cret");
        assertThat(masked("jdbc:mysql://app:pa%40ss@db/x")).isEqualTo("jdbc:mysql://app:***@db/x");
    }

    @Test
    void every_property_named_as_a_secret_is_masked_in_any_case() {
        String url = "jdbc:mysql://db/x?trustCertificateKeyStorePassword=Trust1&clientCertificateKeyStorePassword=Client2"
                + "&xdevapi.password=Dev3&ociSecret=Oci4&authToken=Tok5&MY_SECRET_KEY=Key6&useSSL=true";
        PrintableUrl printable = PrintableUrl.of(url);
        assertThat(printable.text()).isEqualTo("jdbc:mysql://db/x?trustCertificateKeyStorePassword=***"
                + "&clientCertificateKeyStorePassword=***&xdevapi.password=***&ociSecret=***&authToken=***&MY_SECRET_KEY=***"
                + "&useSSL=true");
        assertThat(printable.driverMessage("cannot open key store with Trust1")).doesNotContain("Trust1");
        assertThat(masked("jdbc:mysql://(host=db,trustCertificateKeyStorePassword=Trust1,xdevapi.password=Dev3)/x"))
                .doesNotContain("Trust1", "Dev3").contains("host=db");
    }

    @Test
    void a_url_the_driver_cannot_parse_is_not_shown_and_neither_is_the_drivers_message() {
        for (String url : new String[] {"jdbc:mysql://user:pa@ss@host:3306/x", "jdbc:mysql://user:pa/ss@host/x",
                "jdbc:mysql://user:pa?ss@host/x"}) {
            PrintableUrl printable = PrintableUrl.of(url);
            assertThat(printable.text()).isEqualTo("jdbc:mysql://(not shown: the driver cannot parse it)");
            assertThat(printable.driverMessage("failed to parse the URL authority segment 'user:pa@ss@host:3306'"))
                    .doesNotContain("pa@ss").contains("cannot be parsed");
        }
    }

    @Test
    void a_driver_message_that_repeats_a_password_is_withheld() {
        PrintableUrl printable = PrintableUrl.of("jdbc:mysql://db/x?password=S3cret;x");
        assertThat(printable.driverMessage("Access denied for 'S3cret;x'")).doesNotContain("S3cret");
        assertThat(printable.driverMessage("Communications link failure")).isEqualTo("Communications link failure");
    }
}
