package com.alliance.catalog;

/** Documents some categories must carry before they may be listed. */
public enum CertificateKind {
    /** National quality-inspection certificate number (国家质检证书编号), for gold and silver goods. */
    QUALITY_INSPECTION,
    /** Quality report number (质检报告编号), for second-hand phones. */
    QUALITY_REPORT
}
