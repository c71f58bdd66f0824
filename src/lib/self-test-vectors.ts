// Known answers for the power-on self-test (docs/spec.md §8). Data only; every value is public test data.
// Sources: SM3 GB/T 32905-2016 Annex A example 1; SM4 GB/T 32907-2016 Annex A example 1; SM2 GB/T
// 32918.5-2017 Annex C encryption example on sm2p256v1 (as in OpenSSL test/sm2_internal_test.c); AES NIST SP
// 800-38A F.1.5 block 1; PBKDF2-HMAC-SHA256 RFC 7914 §11 (P="passwd", S="salt", c=1, 64 bytes). The RSA
// and EC test keys below are throwaway keys generated for this purpose with OpenSSL 3.0 (never used for
// anything else); the OAEP ciphertext and the encrypted PKCS#8 were made with the OpenSSL CLI:
//   openssl pkeyutl -encrypt -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256
//   openssl pkcs8 -topk8 -v2 aes-256-cbc -iter 1000 -passout pass:self-test -outform DER

export const SELF_TEST_VECTORS = {
  sm3: { message: '616263', digest: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0' },
  sm4: { key: '0123456789abcdeffedcba9876543210', plaintext: '0123456789abcdeffedcba9876543210', ciphertext: '681edf34d206965e86b3e94f536e4246' },
  sm2: {
    privateKey: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
    publicKey: '0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
    message: '656e6372797074696f6e207374616e64617264',
    k: '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21',
    ciphertext:
      '0404ebfc718e8d1798620432268e77feb6415e2ede0e073c0f4f640ecd2e149a73e858f9d81e5430a57b36daab8f950a3c64e6ee6a63094d99283aff767e124df0' +
      '59983c18f809e262923c53aec295d30383b54e39d609d160afcb1908d0bd8766' +
      '21886ca989ca9c7d58087307ca93092d651efa',
  },
  aes256Ecb: {
    key: '603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4',
    plaintext: '6bc1bee22e409f96e93d7e117393172a',
    ciphertext: 'f3eed1bdb5d2a03c064b5a7e3db181f8',
  },
  pbkdf2: {
    password: 'passwd',
    salt: 'salt',
    iterations: 1,
    derived:
      '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783',
  },
  rsaOaep: {
    /** PKCS#8 DER (base64) of a throwaway RSA-2048 test key */
    pkcs8: 'MIIEuwIBADANBgkqhkiG9w0BAQEFAASCBKUwggShAgEAAoIBAQDMVjxJeAbksa4EarWI4h/17Vr5Ht9u6zLzpRwU0X+FoY6ro7nJLS6NFUTzF7ko0h19b9y4UE5tzygppesfDGIgpNvvb6OuGrlK86DYBGiCzLYmH6bQrVZnMoZL+SVHyqY6rukhbp1barL/+uTTRsMDhtzlgt/UW0ujE6PTNOW06TurzvTPjpDr2h74yzevqgUrbHSmPrAUx25ecrDY+M43iAiWIUIYO4yepfz+tHl3/iSHI5mqUhFGrn3FZ1hXgBCUsbED5efv3lb5jp6jzcg8HY4PGCLaoW9ZQ39Zi+wDd2OqeufLTDEL8kTKjXk5UA1a1EhL9+Wvk5TBILIVTbw1AgMBAAECgf8BEDUXbEkRlgcrZITlOq8zkGDYPi1DYzmb43np66SiKEagmdu9/ML3Iandz45Lhg0UiKir9r0IkGOdeV/OPCkoZcC3sosqL20cjN0wTbI+uIeSPEhaAW/vlSy6tILPzqNEMNz7MEzbeNUZvmuPMHoKrqzZCRFXr1t8jFh0sbncXPBcP3lyfc5176GXFac7wh8XIcA2rrp0F57tfvEYcMNtGj/h0quyou0p5+SczSnAJENiSpckr8zbv16nxDq+P4vLbLs329+gyeotMgtm+dYrr9TzhYCVBFUMROabOhtXf7ssLx3eUe6Eihl7ItboE8uTkVhZJyyUELU2UqJmb/kCgYEA/KfefrEw6+k6bHYjQRLq0WZTHjo55L0ISsMfvdPPPXyX3+GZOoK5UPcNrcTz8J9+1vKnAVORNPW2HnA62422rTBHFD/Xa1maioBwel6s9h1EPelFwe4tWb1uUiHetGSefA7cdFKg61UZbnlejCnomk8oBMCMNx+tAAp/OwozLq0CgYEAzwqi80ib3lPnC4q4DFN4soDWIferQBBhPRzGOi2W6zpyxrpqz/ur6FubHb7OYtpEfvVT3WzNWZHA1oyyIFs4R0UVQhAM8cwQ9oakjgZahwdZiqt5lhXTueV1aTFLWXpvuJC6zmJ+G19u9IAdNg1w8Mu7CsQDpWYkN1JetzwtHKkCgYBaq2emcbJLxxwnVlIahU5trVoAzAaAtvHl2pZmij+iIjdiqdRSch1NGAv5o2ejn6lmPBiA2luO9OrRi5cjuXyoNF4dvzdwl+xk7ejvkVBi1mfqC+/zw6TUwq13nh4NANr7TF4DBLApJBYHVlj+1f9aeTO0WOE42w47qIi2SFfL1QKBgA6/NzQU6+U+HKrZypo2J9avDpGEzpHVmNd9gTELpkBC/YHiLVF7H5eBTt8jhBfObCqO1tZitY23sACYLOfZF30cEpOOCR3/5wVoObhUA4ayo1IZPKPQEjCfg2lmtXM+IU8IIAYrRcg1V/XaWjpLYswD9uKha5EQYWv/Vfe/NYdhAoGBAK7r6l9hh2GIVIlaBgyk6T/4v4uEKBV1Jg+zmLCyPiWZgB/t9JDzW9h+jqUYtkYdcD7Co6K5HNyM7p5YU3+3f7LZGf8wlH5JrzlmyTWhhNtyppCiCecaRFkLtHnltLRoJhODqyBipb5K3wO1rpUBYL8KnBidUHD3yKa+fNmLCLCY',
    message: 'byok-wrap self-test',
    /** RSA-OAEP-SHA-256 ciphertext of message under that key, made by openssl pkeyutl */
    ciphertext: 'EZMeb6mKlq6del/bp1kpY25lETa5eCiRop/9niP5i/Svuh0LWbyHxK6j85RQa4IJz3JKhP+lp3TAWAtydqvYLAKV37O/pHNuwV+SEjwwQLfdPo0+1WqtAZK3dbdG/nLR16rF/4mq9IEHSJJxDrN4ZfZV7oTuW3xOQciyo9SWVyY/okoRqX60yYrgAmH983YyorCM30dr0/U+YgQwZSNw7Gs8aF2rXUjSO+gl+ZG436MYSZaxuCeChxOnGdKlnUe4ngXopRpqRjMAbcq4eLlX6Q2JvlRv+ipkAS+GBNTS5V8E+TeW20gxyaT3N0Xk/0ljaQg5zHX/yXcibgnfkXNgdA==',
  },
  pbes2: {
    passphrase: 'self-test',
    /** EncryptedPrivateKeyInfo (base64) of a throwaway P-256 key, PBES2/PBKDF2-HMAC-SHA256/AES-256-CBC */
    encrypted: 'MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAiB4WWrlCdHUgICA+gwDAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEDoZexYnwY9RLEpbtIGvMwUEgZBbUpe1HznPXWfuJRz7vp0xwVQ/1cpZW+SxvJTBGlGsznj9m6VkCTm6ffVjfVplxOd55w9fcuOOblLBTxhkDJak9aG6mWNe4B4GtHPd/ujptxEGewHcinBvpSHeWesQ97gYwqeNINF24Gi9Wxzx4XWgQeQSKl9LZOpLYwQGwjXaPaAfY99H/YL4wQyBYQbrnFg=',
    /** the same key as OpenSSL writes unencrypted PKCS#8 (base64) */
    pkcs8: 'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgGiOSUFtmq1znj5F0CTeqT60ykGYo5Yert8aZrBPo4mmhRANCAAT+hcXNDxXPFpA31+NNxdSgZbvZVcmHrwBZ7UWXq5931kgSrFXkghDSae2baXcCxh1Dnno6r0MILGukDoRQnlHz',
  },
} as const;
