package io.github.incident4j.oncall.archfixture;

import java.io.IOException;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpClient;

/** Opens connections outside notify, metrics and the network probe; only {@code ArchitectureRulesTest} imports it. */
public class BadNetworkHelper {

    public Object connect(URL url) throws IOException {
        HttpClient client = HttpClient.newHttpClient();
        try (Socket socket = new Socket()) {
            return url.openConnection().toString() + client + socket;
        }
    }
}
