package io.chatspec.server.password;

import org.testng.annotations.Test;

import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertTrue;

public class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(64, 1);

    @Test(description = "the stored value is a salted Argon2id PHC string that never contains the password")
    public void saltedArgon2id() {
        String a = hasher.hash("11111");
        String b = hasher.hash("11111");
        assertTrue(a.startsWith("$argon2id$v=19$m=64,t=1,p=1$"), a);
        assertFalse(a.contains("11111"));
        assertNotEquals(a, b, "a fresh salt per hash");
        assertTrue(hasher.verify("11111", a));
        assertTrue(hasher.verify("11111", b));
        assertFalse(hasher.verify("11112", a));
        assertTrue(hasher.verify("", hasher.hash("")));
        assertTrue(hasher.verify("密码", hasher.hash("密码")));
    }

    @Test(description = "parameters travel with the hash: raising the defaults keeps old accounts working")
    public void verifiesWithStoredParameters() {
        String old = new PasswordHasher(32, 2).hash("pw");
        assertTrue(hasher.verify("pw", old));
    }

    @Test(description = "a corrupt stored value lets nobody in and throws nothing")
    public void corruptHashesFailClosed() {
        for (String bad : new String[]{null, "", "pw", "$argon2id$v=19$m=64,t=1,p=1$", "$argon2id$v=19$m=x$a$b",
                "$argon2id$v=19$m=64,t=1,p=1$!!$!!", "$argon2id$v=19$m=64,t=0,p=1$AAAA$AAAA",
                "$argon2id$v=19$m=64,t=1,p=1,q=2$AAAA$AAAA"}) {
            assertFalse(hasher.verify("pw", bad), String.valueOf(bad));
        }
    }
}
