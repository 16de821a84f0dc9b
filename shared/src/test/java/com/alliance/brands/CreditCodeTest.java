package com.alliance.brands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alliance.errors.InvalidInputException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CreditCodeTest {

    @Test
    void publishedCodesOfRealCompaniesAreValid() {
        assertThat(CreditCode.isValid("91350100M000100Y43")).isTrue();
        assertThat(CreditCode.isValid("9144030071526726XG")).isTrue();
        assertThat(CreditCode.isValid("91110000600037341L")).isTrue();
    }

    @Test
    void aWrongCheckCharacterIsRefusedNamingTheField() {
        assertThatThrownBy(() -> CreditCode.parse("91350100M000100Y44"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).contains("creditCode"));
    }

    @Test
    void lettersOutsideTheAlphabetAndWrongLengthsAreRefused() {
        assertThat(CreditCode.isValid("91350100M000100YO3")).isFalse();  // O is not in the alphabet
        assertThat(CreditCode.isValid("91350100M000100Y4")).isFalse();
        assertThat(CreditCode.isValid("")).isFalse();
        assertThat(CreditCode.isValid(null)).isFalse();
    }

    @Test
    void lowerCaseAndBlanksAreNormalised() {
        assertThat(CreditCode.parse(" 9144030071526726xg ").value()).isEqualTo("9144030071526726XG");
    }

    @Property
    void everyBodyWithItsCheckCharacterIsValid(@ForAll("bodies") String body) {
        assertThat(CreditCode.isValid(body + CreditCode.checkCharacter(body))).isTrue();
    }

    @Property
    void changingAnySingleCharacterBreaksTheCheck(@ForAll("bodies") String body,
                                                 @ForAll @IntRange(min = 0, max = 17) int position,
                                                 @ForAll @IntRange(min = 1, max = 30) int shift) {
        String code = body + CreditCode.checkCharacter(body);
        int index = CreditCode.ALPHABET.indexOf(code.charAt(position));
        char replacement = CreditCode.ALPHABET.charAt((index + shift) % 31);
        String mutated = code.substring(0, position) + replacement + code.substring(position + 1);
        assertThat(CreditCode.isValid(mutated)).isFalse();
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.strings().withChars(CreditCode.ALPHABET.toCharArray()).ofLength(17);
    }
}
