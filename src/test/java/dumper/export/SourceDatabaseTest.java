package dumper.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceDatabaseTest {

    @Test
    void a_password_in_the_url_is_masked_wherever_connector_j_accepts_one() {
        assertThat(SourceDatabase.withoutPassword("jdbc:mysql://db:3306/x?user=app&password=S3cret&useSSL=false"))
                .isEqualTo("jdbc:mysql://db:3306/x?user=app&password=***&useSSL=false");
        assertThat(SourceDatabase.withoutPassword("jdbc:mysql://app:S3cret@db:3306/x"))
                .isEqualTo("jdbc:mysql://app:***@db:3306/x");
        assertThat(SourceDatabase.withoutPassword("jdbc:mysql://(host=db,user=app,PASSWORD=S3cret)/x"))
                .isEqualTo("jdbc:mysql://(host=db,user=app,PASSWORD=***)/x");
        assertThat(SourceDatabase.withoutPassword("jdbc:mysql://db:3306/x?user=app"))
                .isEqualTo("jdbc:mysql://db:3306/x?user=app");
    }
}
