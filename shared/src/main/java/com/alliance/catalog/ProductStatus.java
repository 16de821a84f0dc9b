package com.alliance.catalog;

/** Whether hosts may pick and sell a product. */
public enum ProductStatus {
    ACTIVE, SUSPENDED
}
